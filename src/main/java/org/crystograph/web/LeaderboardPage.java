package org.crystograph.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crystograph.api.ApiException;

/**
 * {@code /leaderboard}: the UnconvBench boards as HTML, and {@code /leaderboard/{task}/{submission}}: one ranked
 * submission's parity plot and error histogram, drawn on the server.
 */
@Path("/leaderboard")
public class LeaderboardPage {

    @Inject
    LeaderboardPageService pages;

    /** The composite and per-task boards. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance board() {
        return Pages.leaderboard(pages.view());
    }

    /**
     * One ranked submission's page.
     *
     * @param task task key
     * @param submission submission id
     */
    @GET
    @Path("{task}/{submission}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance submission(@PathParam("task") String task, @PathParam("submission") long submission) {
        return pages.submission(task, submission).map(Pages::submission)
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "not-found", "Not Found",
                        "no ranked submission " + submission + " on task " + task));
    }
}
