package org.crystograph.training;

import org.crystograph.graph.CrystalGraph;

/**
 * One training example: a built graph with its label and fold.
 *
 * @param id sample id (task sample id or file name)
 * @param graph the CrysToGraph inputs, possibly compact (see {@link CrystalGraph#hasLineFeatures})
 * @param label label in the task's unit
 * @param fold fold of the sample under the chosen protocol (-1 when unknown or hidden)
 */
public record LabelledGraph(String id, CrystalGraph graph, double label, int fold) {
}
