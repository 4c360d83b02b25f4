package org.crystograph.inference;

/**
 * One property a model predicts.
 *
 * @param property property name as requested in {@code properties} (for example {@code formation_energy_per_atom})
 * @param unit unit of predicted values (for example {@code eV/atom})
 * @param description what was predicted and from which training data
 */
public record TaskInfo(String property, String unit, String description) {

    /** Validates. */
    public TaskInfo {
        if (property == null || property.isBlank()) {
            throw new IllegalArgumentException("a task needs a property name");
        }
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
    }
}
