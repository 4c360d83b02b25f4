package org.crystograph.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.crystograph.api.Problem;

/** The type-checked HTML templates under {@code templates/pages/}; all share {@code templates/layout.html}. */
@CheckedTemplate(basePath = "pages")
public final class Pages {

    private Pages() {
    }

    /** The home page. */
    public static native TemplateInstance index();

    /**
     * The predict page: the form, and after a submission the parsed structures, predictions or the problem.
     *
     * @param form what the user sent, echoed back into the form
     * @param structures parsed structures (empty before a submission or on failure)
     * @param predictions one table per structure (empty when no predictions were made)
     * @param predictionsNote why there are no predictions, or null
     * @param problem the problem document of a failed submission, or null
     */
    public static native TemplateInstance predict(PredictForm form, List<StructureSummary> structures,
            List<PredictionTable> predictions, String predictionsNote, Problem problem);

    /**
     * The leaderboard.
     *
     * @param view composite and task tables
     */
    public static native TemplateInstance leaderboard(LeaderboardView view);

    /**
     * One submission: its fold scores, parity plot and error histogram.
     *
     * @param view the submission's content
     */
    public static native TemplateInstance submission(SubmissionView view);

    /**
     * A failed page request (an unknown submission, a malformed address), for browsers.
     *
     * @param problem the same problem document the API would answer
     */
    public static native TemplateInstance problem(Problem problem);
}
