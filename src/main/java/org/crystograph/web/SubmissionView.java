package org.crystograph.web;

import java.util.List;
import org.crystograph.benchmark.TaskDefinition;
import org.crystograph.web.chart.ErrorHistogram;
import org.crystograph.web.chart.ParityPoint;
import org.crystograph.web.chart.ParityPlot;

/**
 * The content of a submission's page: who and what, its per-fold scores, and the two charts drawn server-side.
 *
 * @param task task key
 * @param property property name
 * @param unit unit of the labels
 * @param row the submission's row as ranked on its task board
 * @param foldHeaders headers of the fold columns
 * @param samples number of points drawn (public test samples)
 * @param paritySvg the parity plot ({@code <svg>}), or "" when nothing may be drawn
 * @param histogramSvg the error histogram ({@code <svg>}), or "" when nothing may be drawn
 * @param note why there are no charts ("" when there are)
 */
public record SubmissionView(String task, String property, String unit, LeaderboardView.TaskRow row,
        List<String> foldHeaders, int samples, String paritySvg, String histogramSvg, String note) {

    /** Explanation shown for hidden-track submissions. */
    static final String HIDDEN_NOTE = "This submission is on the hidden test set, whose labels never leave the"
            + " server, so no per-sample plot is drawn for it.";

    /**
     * Builds the page content for a submission ranked on a task board.
     *
     * @param task the task
     * @param table the task board the submission is ranked on
     * @param row its row on that board
     * @param points one point per public test sample (empty for the hidden track: nothing is drawn)
     */
    public static SubmissionView of(TaskDefinition task, LeaderboardView.TaskTable table, LeaderboardView.TaskRow row,
            List<ParityPoint> points) {
        if (table.hidden() || points.isEmpty()) {
            return new SubmissionView(task.key(), task.property(), task.unit(), row, table.foldHeaders(), 0, "", "",
                    HIDDEN_NOTE);
        }
        int folds = table.foldHeaders().size();
        return new SubmissionView(task.key(), task.property(), task.unit(), row, table.foldHeaders(),
                points.size(), ParityPlot.render(points, task.property(), task.unit(), folds),
                ErrorHistogram.render(points, task.unit()), "");
    }
}
