package org.crystograph.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.crystograph.api.ApiException;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskDefinition;

/**
 * {@code /leaderboard}: the UnconvBench boards as HTML, and {@code /leaderboard/{task}/{submission}}: one submission's
 * parity plot and error histogram, drawn on the server.
 */
@Path("/leaderboard")
public class LeaderboardPage {

    /** Shown when this build has no benchmark store to read from. */
    static final String NO_STORE_NOTE = "The benchmark store is not part of this build, so no submissions can be"
            + " shown.";

    /** Links of the boards to the REST API's CSV exports. */
    static final LeaderboardView.Links API_LINKS = new LeaderboardView.Links() {
        @Override
        public String taskCsv(String task) {
            return "/v1/leaderboard/" + task + "?format=csv";
        }

        @Override
        public String compositeCsv(String set) {
            return "/v1/leaderboard?set=" + set + "&format=csv";
        }
    };

    private final TaskCatalog catalog = TaskCatalog.loadDefault();

    @Inject
    Instance<BoardData> data;

    /** The composite and per-task boards. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance board() {
        if (!data.isResolvable()) {
            return Pages.leaderboard(new LeaderboardView(List.of(), List.of()), NO_STORE_NOTE);
        }
        return Pages.leaderboard(LeaderboardView.build(catalog, data.get().entries(), API_LINKS), "");
    }

    /**
     * One submission's page.
     *
     * @param task task key
     * @param submission submission id
     */
    @GET
    @Path("{task}/{submission}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance submission(@PathParam("task") String task, @PathParam("submission") long submission) {
        TaskDefinition definition = catalog.find(task).orElseThrow(() -> notFound("no task '" + task + "'"));
        if (!data.isResolvable()) {
            throw notFound(NO_STORE_NOTE);
        }
        BoardData.SubmissionDetail detail = data.get().submission(task, submission)
                .orElseThrow(() -> notFound("no scored submission " + submission + " on task " + task));
        List<BoardEntry> entries = data.get().entries();
        LeaderboardView view = LeaderboardView.build(catalog, entries, API_LINKS);
        for (LeaderboardView.TaskTable table : view.tasks()) {
            if (table.key().equals(task) && table.hidden() == detail.entry().hidden()) {
                for (LeaderboardView.TaskRow row : table.rows()) {
                    if (row.submissionId() == submission) {
                        return Pages.submission(SubmissionView.of(definition, table, row, detail));
                    }
                }
            }
        }
        // scored but no longer ranked (superseded by a later submission of the same model card): show it alone
        LeaderboardView alone = LeaderboardView.build(catalog, List.of(detail.entry()), API_LINKS);
        LeaderboardView.TaskTable table = alone.tasks().get(0);
        return Pages.submission(SubmissionView.of(definition, table, table.rows().get(0), detail));
    }

    private static ApiException notFound(String detail) {
        return new ApiException(Response.Status.NOT_FOUND, "not-found", "Not Found", detail);
    }
}
