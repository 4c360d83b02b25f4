package org.crystograph.inference;

import org.crystograph.graph.GraphSettings;

/**
 * A loaded model: its card, the graph settings its checkpoints were trained with and the engine that serves it.
 *
 * @param card what it is
 * @param graphSettings graph construction for its inputs
 * @param engine its batching queue and workers
 */
public record ServedModel(ModelCard card, GraphSettings graphSettings, InferenceEngine engine) {

    /** The model's name. */
    public String name() {
        return card.name();
    }
}
