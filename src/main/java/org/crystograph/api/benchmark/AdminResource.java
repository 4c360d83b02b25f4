package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crystograph.api.ApiDocument;
import org.crystograph.benchmark.service.TeamService;
import org.crystograph.benchmark.service.Views;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin operations (admin bearer token from {@code CRYSTOGRAPH_ADMIN_TOKEN}). */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "benchmark")
public class AdminResource {

    @Inject
    TeamService teams;

    /** Request body of team creation. */
    public record NewTeam(@Schema(required = true, pattern = "^[A-Za-z0-9 ._-]{1,64}$") String name) {
    }

    /** Creates a team and returns its bearer token (shown once). */
    @POST
    @Path("/teams")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTeam", summary = "Create a team (admin token from CRYSTOGRAPH_ADMIN_TOKEN); the"
            + " team token is returned once")
    @SecurityRequirement(name = ApiDocument.ADMIN_TOKEN)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewTeam.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.CreatedTeam.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "401", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "403", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "409", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "422", ref = ApiDocument.PROBLEM)
    public Response createTeam(@HeaderParam("Authorization") String authorization, NewTeam body) {
        Views.CreatedTeam t = teams.create(authorization, body == null ? null : body.name());
        return Response.status(Response.Status.CREATED).entity(t).build();
    }
}
