package org.crystograph.model;

import java.util.Random;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.GraphSettings;
import org.crystograph.graph.featurize.AtomFeaturizer;

/** Small valid crystal graphs with random features, and a tiny atom featurizer, for model tests. */
final class TestGraphs {

    static final GraphSettings SETTINGS = GraphSettings.defaults();

    private TestGraphs() {
    }

    /** A whole network small enough for unit tests, over {@link #featurizer(int) featurizer(12)} descriptors. */
    static CrysToGraphConfig network(CrysToGraphConfig.GwtMode mode) {
        return new CrysToGraphConfig(12, CrysToGraphConfig.AtomEmbedding.LEARNED_64, 100, SETTINGS.edgeFeatureWidth(),
                SETTINGS.lineFeatureWidth(), SETTINGS.positionalEncodingWidth(), 32, 2, 1, 2, 4, 8, 4, 6, 4, 4, 8, 64,
                mode, CrysToGraphConfig.AngleUpdate.PROPAGATE, 0f);
    }

    /**
     * A graph of n sites whose k in-edges come from random sources (self-images allowed), random features in the
     * ranges the real featurizers produce, elements drawn from 1..elements.
     */
    static CrystalGraph random(Random rnd, int n, int k, int edgeWidth, int lineWidth, int peWidth, int maxZ) {
        int e = n * k;
        int[] offsets = new int[n + 1];
        int[] z = new int[n];
        float[] occ = new float[n];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = i + 1;
            z[i] = 1 + rnd.nextInt(maxZ);
            occ[i] = 1f;
        }
        int[] src = new int[e];
        double[] length = new double[e];
        for (int i = 0; i < e; i++) {
            src[i] = rnd.nextInt(n);
            length[i] = 2 + rnd.nextDouble();
        }
        return new CrystalGraph(n, k, offsets, z, occ, src, new int[3 * e], new double[3 * e], length,
                uniform(rnd, e * edgeWidth), uniform(rnd, e * k * lineWidth), uniform(rnd, n * peWidth),
                edgeWidth, lineWidth, peWidth, 8.0);
    }

    /** A random graph with the default widths and k = 12. */
    static CrystalGraph random(Random rnd, int n) {
        return random(rnd, n, SETTINGS.neighbors(), SETTINGS.edgeFeatureWidth(), SETTINGS.lineFeatureWidth(),
                SETTINGS.positionalEncodingWidth(), 20);
    }

    private static float[] uniform(Random rnd, int count) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = rnd.nextFloat();
        }
        return a;
    }

    /** A deterministic pseudo-random 0/1 descriptor of the given width for every element. */
    static AtomFeaturizer featurizer(int width) {
        return new AtomFeaturizer() {
            @Override
            public String id() {
                return "TEST_" + width;
            }

            @Override
            public int width() {
                return width;
            }

            @Override
            public float[] features(int atomicNumber) {
                Random r = new Random(atomicNumber * 7919L);
                float[] f = new float[width];
                for (int i = 0; i < width; i++) {
                    f[i] = r.nextInt(4) == 0 ? 1f : 0f;
                }
                return f;
            }
        };
    }
}
