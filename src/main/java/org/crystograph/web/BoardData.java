package org.crystograph.web;

import java.util.List;
import java.util.Optional;
import org.crystograph.web.chart.ParityPoint;

/**
 * What the leaderboard pages read from the benchmark store. Server-side only: the per-sample points of a submission
 * (true label and prediction) are drawn into SVG on the server and are never served as data by any endpoint.
 */
public interface BoardData {

    /** The ranked entries of every task: the latest valid submission of each model card per task and track. */
    List<BoardEntry> entries();

    /**
     * One scored submission with its per-sample points on the public test folds.
     *
     * @return empty when no scored submission has this id on this task
     */
    Optional<SubmissionDetail> submission(String task, long submissionId);

    /**
     * A scored submission and the points of its parity plot.
     *
     * @param entry the submission as ranked on the board
     * @param points one point per public test sample (true label, prediction, fold); empty for the hidden track,
     *     whose labels are drawn nowhere
     */
    record SubmissionDetail(BoardEntry entry, List<ParityPoint> points) {
        /** Copies the points. */
        public SubmissionDetail {
            points = List.copyOf(points);
        }
    }
}
