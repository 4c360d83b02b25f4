package org.crystograph.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.crystograph.api.ApiException;
import org.crystograph.api.Problem;
import org.crystograph.api.ProblemMapper;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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

    /** An unknown submission, as a page: the problem document the API would answer, for people. */
    @ServerExceptionMapper
    public Response notShown(ApiException e) {
        return page(ProblemMapper.toProblem(e));
    }

    /** A submission id that is not a number ({@code /leaderboard/task/abc}): JAX-RS's 404, as a page. */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(new Problem("/problems/not-found", "Not Found", Response.Status.NOT_FOUND.getStatusCode(),
                "no such page on the leaderboard", Map.of()));
    }

    private static Response page(Problem problem) {
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE).entity(Pages.problem(problem))
                .build();
    }
}
