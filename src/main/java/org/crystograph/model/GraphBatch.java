package org.crystograph.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.graph.featurize.AtomFeaturizer;

/**
 * A ragged batch of crystal graphs as one disjoint graph (spec section 7.5), in Java arrays until
 * {@link #toNDList} copies them into a (per-batch) NDManager.
 *
 * <p>Node ids are offset by atom counts, edge ids by edge counts, line-node ids by edge counts, so the [N, k]
 * incoming-edge layout of each graph survives: edge {@code k*i + r} of the batch is the r-th incoming edge of atom i,
 * line edge {@code k*e + rho} the rho-th incoming line edge of edge e, and sums over neighbours are dense reductions.
 * Per-crystal work (GwT attention, pooling) uses a padded [B, m] slot layout, m = the largest atom count.
 */
public final class GraphBatch {

    /** [N, descriptorWidth] occupancy-weighted atom descriptors. */
    public static final int ATOM_DESCRIPTOR = 0;
    /** [N, elements] occupancy of element Z at each site in column Z-1. */
    public static final int COMPOSITION = 1;
    /** [E, edgeWidth] edge features. */
    public static final int EDGE_FEATURES = 2;
    /** [L, lineWidth] line (bond-angle) features. */
    public static final int LINE_FEATURES = 3;
    /** [N, peWidth] positional encodings. */
    public static final int POSITIONAL_ENCODING = 4;
    /** [E] int64 source atom of each edge (batch ids). */
    public static final int EDGE_SOURCE = 5;
    /** [L] int64 source edge e1 = k*src(e2) + rho of each line edge (batch ids). */
    public static final int LINE_SOURCE = 6;
    /** [N, k] 1 where an in-edge comes from another atom, 0 for self-images. */
    public static final int NEIGHBOUR_MASK = 7;
    /** [B*m] int64 atom at each padded slot, N for padding. */
    public static final int CRYSTAL_GATHER = 8;
    /** [B, m] 1 for real atoms, 0 for padding. */
    public static final int CRYSTAL_MASK = 9;
    /** [N] int64 padded slot b*m + s of each atom. */
    public static final int ATOM_SLOT = 10;
    /** [N] int64 crystal index of each atom. */
    public static final int ATOM_CRYSTAL = 11;
    /** Number of input arrays. */
    public static final int INPUT_COUNT = 12;

    private final int crystals;
    private final int atoms;
    private final int k;
    private final int slots;
    private final int descriptorWidth;
    private final int elements;
    private final int edgeWidth;
    private final int lineWidth;
    private final int peWidth;
    private final float[] descriptor;
    private final float[] composition;
    private final float[] edgeFeatures;
    private final float[] lineFeatures;
    private final float[] pe;
    private final long[] edgeSource;
    private final long[] lineSource;
    private final float[] neighbourMask;
    private final long[] crystalGather;
    private final float[] crystalMask;
    private final long[] atomSlot;
    private final long[] atomCrystal;
    private final int[] atomsPerCrystal;

    private GraphBatch(List<CrystalGraph> graphs, AtomDescriptors descriptors) {
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        CrystalGraph first = graphs.get(0);
        k = first.k();
        edgeWidth = first.edgeWidth();
        lineWidth = first.lineWidth();
        peWidth = first.peWidth();
        descriptorWidth = descriptors.width();
        elements = descriptors.elements();
        crystals = graphs.size();
        atomsPerCrystal = new int[crystals];
        int n = 0;
        int maxAtoms = 0;
        for (int b = 0; b < crystals; b++) {
            CrystalGraph g = graphs.get(b);
            if (g.k() != k || g.edgeWidth() != edgeWidth || g.lineWidth() != lineWidth || g.peWidth() != peWidth) {
                throw new IllegalArgumentException("graph " + b + " has k/widths " + g.k() + "/" + g.edgeWidth() + "/"
                        + g.lineWidth() + "/" + g.peWidth() + ", batch has " + k + "/" + edgeWidth + "/" + lineWidth
                        + "/" + peWidth);
            }
            atomsPerCrystal[b] = g.numSites();
            n += g.numSites();
            maxAtoms = Math.max(maxAtoms, g.numSites());
        }
        atoms = n;
        slots = maxAtoms;
        int e = n * k;
        long l = (long) e * k;
        if (l * lineWidth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch too large: " + l + " line edges");
        }
        descriptor = new float[n * descriptorWidth];
        composition = new float[n * elements];
        edgeFeatures = new float[e * edgeWidth];
        lineFeatures = new float[(int) l * lineWidth];
        pe = new float[n * peWidth];
        edgeSource = new long[e];
        lineSource = new long[(int) l];
        neighbourMask = new float[n * k];
        crystalGather = new long[crystals * slots];
        crystalMask = new float[crystals * slots];
        atomSlot = new long[n];
        atomCrystal = new long[n];
        java.util.Arrays.fill(crystalGather, n);

        int atomOffset = 0;
        for (int b = 0; b < crystals; b++) {
            CrystalGraph g = graphs.get(b);
            int gn = g.numSites();
            int ge = g.numEdges();
            int edgeOffset = atomOffset * k;
            // nodes: descriptors and composition, occupancy-weighted over each site's species
            int[] offsets = g.speciesOffsets();
            for (int i = 0; i < gn; i++) {
                int atom = atomOffset + i;
                for (int s = offsets[i]; s < offsets[i + 1]; s++) {
                    int z = g.speciesZ()[s];
                    float occ = g.speciesOccupancy()[s];
                    if (z < 1 || z > elements) {
                        throw new IllegalArgumentException("element Z=" + z + " outside 1.." + elements);
                    }
                    float[] desc = descriptors.of(z);
                    for (int c = 0; c < descriptorWidth; c++) {
                        descriptor[atom * descriptorWidth + c] += occ * desc[c];
                    }
                    composition[atom * elements + z - 1] += occ;
                }
                int slot = b * slots + i;
                crystalGather[slot] = atom;
                crystalMask[slot] = 1f;
                atomSlot[atom] = slot;
                atomCrystal[atom] = b;
            }
            System.arraycopy(g.positionalEncoding(), 0, pe, atomOffset * peWidth, gn * peWidth);
            System.arraycopy(g.edgeFeatures(), 0, edgeFeatures, edgeOffset * edgeWidth, ge * edgeWidth);
            if (!g.hasLineFeatures()) {
                throw new IllegalArgumentException("a compact graph (line features not stored) cannot be batched;"
                        + " expand it with GraphBuilder.withLineFeatures");
            }
            System.arraycopy(g.lineFeatures(), 0, lineFeatures, edgeOffset * k * lineWidth, ge * k * lineWidth);
            int[] src = g.edgeSource();
            for (int ed = 0; ed < ge; ed++) {
                int source = src[ed];
                edgeSource[edgeOffset + ed] = atomOffset + source;
                neighbourMask[edgeOffset + ed] = source == ed / k ? 0f : 1f;
                // line edges into edge ed come from the k in-edges of its source atom
                int lineBase = (edgeOffset + ed) * k;
                for (int rho = 0; rho < k; rho++) {
                    lineSource[lineBase + rho] = (long) (atomOffset + source) * k + rho;
                }
            }
            atomOffset += gn;
        }
    }

    /** Collates graphs into one batch, with node descriptors from the given table. */
    public static GraphBatch of(List<CrystalGraph> graphs, AtomDescriptors descriptors) {
        return new GraphBatch(graphs, descriptors);
    }

    /** Collates graphs into one batch, with node descriptors from the featurizer. */
    public static GraphBatch of(List<CrystalGraph> graphs, AtomFeaturizer featurizer) {
        return new GraphBatch(graphs, AtomDescriptors.of(featurizer));
    }

    /**
     * Copies the batch into arrays of the given manager (use a per-batch sub-manager and close it after the step).
     *
     * @param dataType FLOAT32 for the network, FLOAT64 for gradient checks
     */
    public NDList toNDList(NDManager manager, DataType dataType) {
        NDList list = new NDList(INPUT_COUNT);
        list.add(floats(manager, descriptor, new Shape(atoms, descriptorWidth), dataType));
        list.add(floats(manager, composition, new Shape(atoms, elements), dataType));
        list.add(floats(manager, edgeFeatures, new Shape((long) atoms * k, edgeWidth), dataType));
        list.add(floats(manager, lineFeatures, new Shape((long) atoms * k * k, lineWidth), dataType));
        list.add(floats(manager, pe, new Shape(atoms, peWidth), dataType));
        list.add(NativeArrays.longs(manager, edgeSource));
        list.add(NativeArrays.longs(manager, lineSource));
        list.add(floats(manager, neighbourMask, new Shape(atoms, k), dataType));
        list.add(NativeArrays.longs(manager, crystalGather));
        list.add(floats(manager, crystalMask, new Shape(crystals, slots), dataType));
        list.add(NativeArrays.longs(manager, atomSlot));
        list.add(NativeArrays.longs(manager, atomCrystal));
        return list;
    }

    private static ai.djl.ndarray.NDArray floats(NDManager manager, float[] data, Shape shape, DataType dataType) {
        ai.djl.ndarray.NDArray array = NativeArrays.floats(manager, data, shape);
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }

    /** Shapes of a one-crystal, one-atom batch, for block initialisation. */
    public static Shape[] inputShapes(CrysToGraphConfig c) {
        int k = 1;
        return new Shape[] {
            new Shape(1, c.atomDescriptorWidth()), new Shape(1, c.numElements()), new Shape(k, c.edgeFeatureWidth()),
            new Shape(k * k, c.lineFeatureWidth()), new Shape(1, c.positionalEncodingWidth()), new Shape(k),
            new Shape(k * k), new Shape(1, k), new Shape(1), new Shape(1, 1), new Shape(1), new Shape(1)
        };
    }

    /** Number of crystals B. */
    public int crystals() {
        return crystals;
    }

    /** Number of atoms N. */
    public int atoms() {
        return atoms;
    }

    /** Atoms of each crystal, in batch order. */
    public int[] atomsPerCrystal() {
        return atomsPerCrystal.clone();
    }

    /** Neighbours per atom k. */
    public int neighbours() {
        return k;
    }

    /** Largest atom count m (the padded slot count). */
    public int slots() {
        return slots;
    }

    /**
     * Where a batch starting at {@code from} ends (exclusive) when batches hold at most {@code maxCrystals} crystals and
     * {@code maxSites} sites; a single crystal larger than {@code maxSites} forms a batch of its own.
     *
     * @param sitesOf sites of the crystal at an index
     * @param size number of crystals
     */
    public static int batchEnd(java.util.function.IntUnaryOperator sitesOf, int from, int size, int maxCrystals,
            int maxSites) {
        int end = from;
        int sites = 0;
        while (end < size && end - from < maxCrystals) {
            int next = sitesOf.applyAsInt(end);
            if (end > from && sites + next > maxSites) {
                break;
            }
            sites += next;
            end++;
        }
        return end;
    }
}
