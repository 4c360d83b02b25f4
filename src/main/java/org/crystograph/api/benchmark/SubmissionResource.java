package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crystograph.api.ApiDocument;
import org.crystograph.api.ApiException;
import org.crystograph.benchmark.service.SubmissionService;
import org.crystograph.benchmark.service.Views;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The submission log, one entry at a time (never the payload, never per-row values). */
@Path("/v1/submissions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "benchmark")
public class SubmissionResource {

    @Inject
    SubmissionService submissions;

    /** One logged submission with its outcome and, when accepted, its fold and task metrics. */
    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubmission", summary = "One entry of the submission log (outcome, errors or metrics;"
            + " never the payload)")
    @APIResponse(responseCode = "200", description = "The submission", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.SubmissionView.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.PROBLEM)
    public Views.SubmissionView get(@PathParam("id") long id) {
        return submissions.find(id).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "submission-not-found", "Not found", "no submission " + id));
    }
}
