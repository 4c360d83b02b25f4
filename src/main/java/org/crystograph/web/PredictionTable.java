package org.crystograph.web;

import java.util.List;

/**
 * Predicted properties of one structure, formatted for display.
 *
 * @param structure which structure (source and block) the rows belong to
 * @param rows one row per property
 */
public record PredictionTable(String structure, List<Row> rows) {

    /** Copies the rows. */
    public PredictionTable {
        rows = List.copyOf(rows);
    }

    /**
     * One predicted property.
     *
     * @param property property name
     * @param value predicted value, formatted
     * @param uncertainty ensemble standard deviation, formatted ("" when the model gives none)
     * @param unit unit of value and uncertainty
     * @param model model name and version
     */
    public record Row(String property, String value, String uncertainty, String unit, String model) {
    }
}
