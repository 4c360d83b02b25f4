package org.crystograph.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystograph.graph.CloseContacts;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.structure.Structure;

/** The warnings a prediction carries, the same for the service and {@code crystograph predict}. */
public final class PredictionWarnings {

    private PredictionWarnings() {
    }

    /**
     * The reader's warnings, then an impossible close contact, then one per model whose training data the structure
     * lies outside.
     *
     * @param reader what the reader noted
     * @param structure the structure predicted
     * @param graph its graph
     * @param domains the training domain of each predicting model that has one, by model name
     */
    public static List<String> of(List<String> reader, Structure structure, CrystalGraph graph,
            Map<String, TrainingDomain> domains) {
        List<String> warnings = new ArrayList<>(reader);
        CloseContacts.warning(structure, graph).ifPresent(warnings::add);
        domains.forEach((model, domain) -> domain.warning(structure, model).ifPresent(warnings::add));
        return warnings;
    }
}
