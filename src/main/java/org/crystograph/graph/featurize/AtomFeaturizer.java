package org.crystograph.graph.featurize;

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
}
