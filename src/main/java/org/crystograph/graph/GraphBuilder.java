package org.crystograph.graph;

import java.util.List;
import org.crystograph.graph.featurize.EdgeFeaturizer;
import org.crystograph.graph.featurize.LineGraphFeaturizer;
import org.crystograph.graph.featurize.PositionalEncoding;
import org.crystograph.structure.Species;
import org.crystograph.structure.Structure;
import org.crystograph.structure.StructureException;

/**
 * The one entry point from a {@link Structure} to the CrysToGraph inputs ({@link CrystalGraph}): frame, k-nearest
 * neighbours, edge features, line-graph features and positional encodings, all per {@link GraphSettings}.
 *
 * <p>Pure and stateless apart from the settings: safe to share between threads. Cost: linear in the number of sites for
 * neighbours, edge and line features; the positional encodings are O(n^2) (RWPE) and O(n^3) (LapPE).
 */
public final class GraphBuilder {

    private final GraphSettings settings;
    private final KNearestGraphBuilder neighbors;
    private final EdgeFeaturizer edges;
    private final LineGraphFeaturizer lines;
    private final PositionalEncoding encodings;

    /** A builder for these settings. */
    public GraphBuilder(GraphSettings settings) {
        this.settings = settings;
        this.neighbors = new KNearestGraphBuilder(settings);
        this.edges = new EdgeFeaturizer(settings);
        this.lines = new LineGraphFeaturizer(settings);
        this.encodings = new PositionalEncoding(settings);
    }

    /** A builder with the spec's default settings. */
    public static GraphBuilder withDefaults() {
        return new GraphBuilder(GraphSettings.defaults());
    }

    /** The settings used. */
    public GraphSettings settings() {
        return settings;
    }

    /**
     * Builds the complete graph of one crystal.
     *
     * <p>Bounded: the neighbour search by {@link KNearestGraphBuilder}'s work budget, the positional encodings by
     * {@link PositionalEncoding#MAX_SITES}; every stage notices an interrupt of the calling thread within a few
     * milliseconds (except inside the Laplacian's eigendecomposition) and stops with
     * {@link GraphBuildException.Reason#CANCELLED}, leaving the interrupt flag set.
     *
     * @throws StructureException for coincident or isolated sites
     * @throws GraphBuildException WORK_LIMIT when the structure needs more work than the bounds allow, CANCELLED when
     *     the thread is interrupted
     */
    public CrystalGraph build(Structure structure) {
        GraphBuildException.throwIfInterrupted("framing");
        Structure framed = frame(structure);
        NeighborList nl = neighbors.build(framed);
        float[] edgeFeatures = edges.features(nl);
        float[] lineFeatures = lines.features(nl);
        float[] positional = encodings.encode(nl);
        GraphBuildException.throwIfInterrupted("graph assembly");
        return assemble(framed, nl, edgeFeatures, lineFeatures, positional);
    }

    /**
     * The structure in the frame the settings ask for: the canonical lattice (same fractional coordinates) or as given.
     */
    public Structure frame(Structure structure) {
        return settings.canonicalFrame() ? structure.canonicalFrame() : structure;
    }

    /** The k-nearest-neighbour list of a structure already in its frame (see {@link #frame}). */
    public NeighborList neighbors(Structure framed) {
        return neighbors.build(framed);
    }

    /** Edge features [E * edge width]. */
    public float[] edgeFeatures(NeighborList nl) {
        return edges.features(nl);
    }

    /** Line-edge features [k * E * line width]. */
    public float[] lineFeatures(NeighborList nl) {
        return lines.features(nl);
    }

    /**
     * The graph with its line-edge features: itself when they are stored, else recomputed from its edge vectors
     * (bit-identical to {@link #build}, about 10 us per site).
     */
    public CrystalGraph withLineFeatures(CrystalGraph graph) {
        if (graph.hasLineFeatures()) {
            return graph;
        }
        NeighborList nl = new NeighborList(graph.numSites(), graph.k(), graph.edgeSource(), graph.edgeImage(),
                graph.edgeVector(), graph.edgeLength(), graph.radiusAngstrom());
        return graph.withLineFeatures(lines.features(nl));
    }

    /** Positional encodings [N * pe width]. */
    public float[] positionalEncodings(NeighborList nl) {
        return encodings.encode(nl);
    }

    /** Puts the pieces into a {@link CrystalGraph}. */
    public CrystalGraph assemble(Structure framed, NeighborList nl, float[] edgeFeatures, float[] lineFeatures,
            float[] positionalEncoding) {
        int n = framed.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + framed.site(i).species().size();
        }
        int[] z = new int[offsets[n]];
        float[] occ = new float[offsets[n]];
        for (int i = 0; i < n; i++) {
            List<Species> species = framed.site(i).species();
            for (int s = 0; s < species.size(); s++) {
                z[offsets[i] + s] = species.get(s).atomicNumber();
                occ[offsets[i] + s] = (float) species.get(s).occupancy();
            }
        }
        return new CrystalGraph(n, nl.k(), offsets, z, occ, nl.source(), nl.image(), nl.vector(), nl.length(),
                edgeFeatures, lineFeatures, positionalEncoding, settings.edgeFeatureWidth(),
                settings.lineFeatureWidth(), settings.positionalEncodingWidth(), nl.radiusAngstrom());
    }
}
