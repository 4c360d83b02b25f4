package org.crystograph.model;

import org.crystograph.graph.GraphSettings;

/**
 * Every size and switch of the CrysToGraph network (spec sections 7 and 8); blocks are built from this record only.
 *
 * @param atomDescriptorWidth width of the per-element descriptor from the atom featurizer (92 for the CGCNN table)
 * @param atomEmbedding learned per-element embedding added to the descriptor, or none
 * @param numElements number of elements the embedding covers (Z = 1..numElements)
 * @param edgeFeatureWidth edge feature width (76)
 * @param lineFeatureWidth line (bond-angle) feature width (30)
 * @param positionalEncodingWidth positional encoding width (40)
 * @param hidden node hidden width d (256)
 * @param convLayers n_conv, the number of (line eTGC, node eTGC) pairs (5)
 * @param transformerLayers n_gt, the number of GwT layers (1)
 * @param headLayers n_fc, the number of hidden head layers (2)
 * @param heads attention heads of the node eTGC (8)
 * @param headDim width d_k of each node eTGC head (32)
 * @param lineHeads attention heads of the line eTGC (8)
 * @param lineHeadDim width of each line eTGC head (24)
 * @param ffnMultiplier eTGC feed-forward expansion (4)
 * @param gwtHeads heads of the GwT (8)
 * @param gwtHeadDim width of each GwT head (32)
 * @param gwtFfnWidth GwT feed-forward width (512)
 * @param gwtMode per-crystal softmax attention, or the published code's plain sum
 * @param angleUpdate propagate the line eTGC's updated angle features, or keep them frozen (reference)
 * @param dropout head dropout probability (0 for regression)
 */
public record CrysToGraphConfig(
        int atomDescriptorWidth,
        AtomEmbedding atomEmbedding,
        int numElements,
        int edgeFeatureWidth,
        int lineFeatureWidth,
        int positionalEncodingWidth,
        int hidden,
        int convLayers,
        int transformerLayers,
        int headLayers,
        int heads,
        int headDim,
        int lineHeads,
        int lineHeadDim,
        int ffnMultiplier,
        int gwtHeads,
        int gwtHeadDim,
        int gwtFfnWidth,
        GwtMode gwtMode,
        AngleUpdate angleUpdate,
        float dropout) {

    /** Width of the learned atom embedding when enabled (spec section 6). */
    public static final int EMBEDDING_WIDTH = 64;
    /** Elements with a descriptor: Z = 1..100. */
    public static final int MAX_ELEMENTS = 100;

    /** GwT attention mode (spec section 7.3). */
    public enum GwtMode {
        /** Softmax attention inside each crystal (the intended model, default). */
        SOFTMAX,
        /** Plain sum of values over the crystal (the published code's behaviour). */
        SUM
    }

    /** What happens to the angle features after each line eTGC (spec section 7.1). */
    public enum AngleUpdate {
        /** The line eTGC's edge output replaces the angle features (default). */
        PROPAGATE,
        /** Angle features stay as projected (the published code). */
        FROZEN
    }

    /** Learned element embedding (spec section 6). */
    public enum AtomEmbedding {
        /** A 100 x 64 table, N(0, 1) initialised, trained with the network. */
        LEARNED_64,
        /** Descriptor only. */
        NONE
    }

    /** Validates sizes. */
    public CrysToGraphConfig {
        requirePositive("atomDescriptorWidth", atomDescriptorWidth);
        requirePositive("numElements", numElements);
        requirePositive("edgeFeatureWidth", edgeFeatureWidth);
        requirePositive("lineFeatureWidth", lineFeatureWidth);
        requirePositive("positionalEncodingWidth", positionalEncodingWidth);
        requirePositive("hidden", hidden);
        requirePositive("convLayers", convLayers);
        requirePositive("headLayers", headLayers);
        requirePositive("heads", heads);
        requirePositive("headDim", headDim);
        requirePositive("lineHeads", lineHeads);
        requirePositive("lineHeadDim", lineHeadDim);
        requirePositive("ffnMultiplier", ffnMultiplier);
        requirePositive("gwtHeads", gwtHeads);
        requirePositive("gwtHeadDim", gwtHeadDim);
        requirePositive("gwtFfnWidth", gwtFfnWidth);
        if (transformerLayers < 0) {
            throw new IllegalArgumentException("transformerLayers must be >= 0, got " + transformerLayers);
        }
        if (transformerLayers > 0 && gwtHeads * gwtHeadDim != hidden) {
            throw new IllegalArgumentException("GwT heads x head width " + gwtHeads + "x" + gwtHeadDim
                    + " must equal hidden " + hidden);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (atomEmbedding == null || gwtMode == null || angleUpdate == null) {
            throw new IllegalArgumentException("atomEmbedding, gwtMode and angleUpdate are required");
        }
    }

    /** The spec's defaults (section 8) for a descriptor of the given width and the given graph settings. */
    public static CrysToGraphConfig defaults(int atomDescriptorWidth, GraphSettings graph) {
        return new CrysToGraphConfig(atomDescriptorWidth, AtomEmbedding.LEARNED_64, MAX_ELEMENTS,
                graph.edgeFeatureWidth(), graph.lineFeatureWidth(), graph.positionalEncodingWidth(),
                256, 5, 1, 2, 8, 32, 8, 24, 4, 8, 32, 512, GwtMode.SOFTMAX, AngleUpdate.PROPAGATE, 0f);
    }

    /**
     * A smaller network for CPU training: hidden 128 (GwT 4 x 32, FFN 256), three eTGC pairs, line eTGC 4 heads of
     * 16; everything else (embedding, PE, softmax GwT, propagated angles, head depth) as the defaults.
     */
    public static CrysToGraphConfig small(int atomDescriptorWidth, GraphSettings graph) {
        return new CrysToGraphConfig(atomDescriptorWidth, AtomEmbedding.LEARNED_64, MAX_ELEMENTS,
                graph.edgeFeatureWidth(), graph.lineFeatureWidth(), graph.positionalEncodingWidth(),
                128, 3, 1, 2, 4, 32, 4, 16, 4, 4, 32, 256, GwtMode.SOFTMAX, AngleUpdate.PROPAGATE, 0f);
    }

    /** A named preset: {@code default} or {@code small}. */
    public static CrysToGraphConfig preset(String name, int atomDescriptorWidth, GraphSettings graph) {
        return switch (name) {
            case "default" -> defaults(atomDescriptorWidth, graph);
            case "small" -> small(atomDescriptorWidth, graph);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (default, small)");
        };
    }

    /** Width of the embedding part of the atom input (64 or 0). */
    public int embeddingWidth() {
        return atomEmbedding == AtomEmbedding.LEARNED_64 ? EMBEDDING_WIDTH : 0;
    }

    /** Atom input width: descriptor plus embedding (156 with the CGCNN table and LEARNED_64). */
    public int atomInputWidth() {
        return atomDescriptorWidth + embeddingWidth();
    }

    /** A copy with another GwT mode. */
    public CrysToGraphConfig withGwtMode(GwtMode mode) {
        return new CrysToGraphConfig(atomDescriptorWidth, atomEmbedding, numElements, edgeFeatureWidth,
                lineFeatureWidth, positionalEncodingWidth, hidden, convLayers, transformerLayers, headLayers, heads,
                headDim, lineHeads, lineHeadDim, ffnMultiplier, gwtHeads, gwtHeadDim, gwtFfnWidth, mode, angleUpdate,
                dropout);
    }

    /** A copy with another angle update. */
    public CrysToGraphConfig withAngleUpdate(AngleUpdate update) {
        return new CrysToGraphConfig(atomDescriptorWidth, atomEmbedding, numElements, edgeFeatureWidth,
                lineFeatureWidth, positionalEncodingWidth, hidden, convLayers, transformerLayers, headLayers, heads,
                headDim, lineHeads, lineHeadDim, ffnMultiplier, gwtHeads, gwtHeadDim, gwtFfnWidth, gwtMode, update,
                dropout);
    }

    /** A copy with another atom embedding. */
    public CrysToGraphConfig withAtomEmbedding(AtomEmbedding embedding) {
        return new CrysToGraphConfig(atomDescriptorWidth, embedding, numElements, edgeFeatureWidth,
                lineFeatureWidth, positionalEncodingWidth, hidden, convLayers, transformerLayers, headLayers, heads,
                headDim, lineHeads, lineHeadDim, ffnMultiplier, gwtHeads, gwtHeadDim, gwtFfnWidth, gwtMode, angleUpdate,
                dropout);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
