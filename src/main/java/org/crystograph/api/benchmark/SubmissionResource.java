package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crystograph.api.ApiException;
import org.crystograph.benchmark.service.SubmissionService;
import org.crystograph.benchmark.service.Views;

/** The submission log, one entry at a time (never the payload, never per-row values). */
@Path("/v1/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

    @Inject
    SubmissionService submissions;

    /** One logged submission with its outcome and, when accepted, its fold and task metrics. */
    @GET
    @Path("/{id}")
    public Views.SubmissionView get(@PathParam("id") long id) {
        return submissions.find(id).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "submission-not-found", "Not found", "no submission " + id));
    }
}
