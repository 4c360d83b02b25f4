package org.crystograph.api;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request asks for: a model (null for the default) and properties (empty for all of the model's tasks).
 *
 * @param model model name or null
 * @param properties property names, without duplicates
 */
public record Selection(String model, List<String> properties) {

    /** Copies. */
    public Selection {
        model = model == null || model.isBlank() ? null : model.trim();
        properties = List.copyOf(properties);
    }

    /** From query parameters: {@code properties} may repeat and each value may be comma-separated. */
    public static Selection of(String model, List<String> properties) {
        List<String> names = new ArrayList<>();
        if (properties != null) {
            for (String value : properties) {
                if (value == null) {
                    continue;
                }
                for (String p : value.split(",")) {
                    String t = p.trim();
                    if (!t.isEmpty() && !names.contains(t)) {
                        names.add(t);
                    }
                }
            }
        }
        return new Selection(model, names);
    }
}
