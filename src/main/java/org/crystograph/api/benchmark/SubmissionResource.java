package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crystograph.api.ApiDocument;
import org.crystograph.api.ApiException;
import org.crystograph.benchmark.service.SubmissionService;
import org.crystograph.benchmark.service.Views;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The submission log, one entry at a time (never the payload, never per-row values). A team reads every entry of its
 * own log with its bearer token; anyone reads the scored entries the boards rank. Every other entry answers 404, as an
 * id that does not exist does: neither its existence nor its outcome is shown to others.
 */
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
            + " never the payload)", description = "With the team's token: any entry of that team's log, rejected and"
            + " rate-limited attempts included. Without it (or with another team's): only scored entries, those the"
            + " boards rank (accepted, not withdrawn), without idempotency_key. Any other entry is 404, exactly as an"
            + " unknown id.")
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.TEAM_TOKEN))
    @APIResponse(responseCode = "200", description = "The submission", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.SubmissionView.class)))
    @APIResponse(responseCode = "401", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "404", ref = ApiDocument.PROBLEM)
    public Views.SubmissionView get(@PathParam("id") long id,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return submissions.find(id, authorization).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "submission-not-found", "Not found", "no submission " + id + " that this request may read (only"
                        + " scored entries are public; a team reads its other entries with its token)"));
    }
}
