package org.crystograph.model;

import org.crystograph.graph.featurize.AtomFeaturizer;

/**
 * Per-element descriptor vectors from an {@link AtomFeaturizer}, computed once per element on first use.
 */
public final class AtomDescriptors {

    private final AtomFeaturizer featurizer;
    private final float[][] table;

    private AtomDescriptors(AtomFeaturizer featurizer, int elements) {
        this.featurizer = featurizer;
        this.table = new float[elements + 1][];
    }

    /** Descriptors for Z = 1..100. */
    public static AtomDescriptors of(AtomFeaturizer featurizer) {
        return new AtomDescriptors(featurizer, CrysToGraphConfig.MAX_ELEMENTS);
    }

    /** Descriptor width. */
    public int width() {
        return featurizer.width();
    }

    /** Number of elements covered (Z = 1..elements). */
    public int elements() {
        return table.length - 1;
    }

    /** The featurizer behind the table. */
    public AtomFeaturizer featurizer() {
        return featurizer;
    }

    /** The descriptor of element Z (shared array: do not modify). */
    public synchronized float[] of(int z) {
        float[] row = table[z];
        if (row == null) {
            row = featurizer.features(z);
            if (row.length != featurizer.width()) {
                throw new IllegalStateException(featurizer.id() + " gave " + row.length + " values for Z=" + z
                        + ", expected " + featurizer.width());
            }
            table[z] = row;
        }
        return row;
    }
}
