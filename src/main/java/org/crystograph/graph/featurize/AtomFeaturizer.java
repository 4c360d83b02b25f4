package org.crystograph.graph.featurize;

import org.crystograph.graph.CrystalGraph;

/**
 * Per-element node descriptors for Z = 1..100 (CrysToGraph spec section 6).
 *
 * <p>Implementations: the CDK-derived one-hot descriptor (default) and a table loaded from a JSON file by path.
 */
public interface AtomFeaturizer {

    /** Stable identifier recorded in checkpoints, e.g. {@code CDK_DESCRIPTOR} or {@code TABLE}. */
    String id();

    /** Descriptor width. */
    int width();

    /**
     * The descriptor of element Z (a fresh array of {@link #width()} values).
     *
     * @throws org.crystograph.structure.StructureException naming the element when it has no descriptor
     */
    float[] features(int atomicNumber);

    /** SHA-256 of the table file for table-backed featurizers, else {@code null}. */
    default String sourceSha256() {
        return null;
    }

    /**
     * Node descriptors of a crystal, [N * width]: for each site the occupancy-weighted sum of its species' descriptors
     * (a vacancy fraction adds nothing), computed in float64.
     *
     * @throws org.crystograph.structure.StructureException naming an element without descriptor
     */
    default float[] nodeFeatures(CrystalGraph graph) {
        int w = width();
        int n = graph.numSites();
        int[] offsets = graph.speciesOffsets();
        int[] z = graph.speciesZ();
        float[] occ = graph.speciesOccupancy();
        float[] out = new float[n * w];
        double[] acc = new double[w];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int s = offsets[i]; s < offsets[i + 1]; s++) {
                float[] f = features(z[s]);
                for (int c = 0; c < w; c++) {
                    acc[c] += occ[s] * (double) f[c];
                }
            }
            for (int c = 0; c < w; c++) {
                out[i * w + c] = (float) acc[c];
            }
        }
        return out;
    }
}
