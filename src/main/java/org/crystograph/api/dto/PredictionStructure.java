package org.crystograph.api.dto;

import java.util.List;

/**
 * What was read from the input.
 *
 * @param formula cell formula, elements by increasing electronegativity (for example {@code Na4 Cl4})
 * @param nsites number of sites in the cell
 * @param warnings reader warnings (ignored tags, merged sites, ...) and atoms closer than two atoms can be (a cell in
 *     the wrong units or scale), which are predicted all the same
 */
public record PredictionStructure(String formula, int nsites, List<String> warnings) {
}
