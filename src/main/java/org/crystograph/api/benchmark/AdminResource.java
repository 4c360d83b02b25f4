package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crystograph.benchmark.service.TeamService;
import org.crystograph.benchmark.service.Views;

/** Admin operations (admin bearer token from {@code CRYSTOGRAPH_ADMIN_TOKEN}). */
@Path("/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    TeamService teams;

    /** Request body of team creation. */
    public record NewTeam(String name) {
    }

    /** Creates a team and returns its bearer token (shown once). */
    @POST
    @Path("/teams")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTeam(@HeaderParam("Authorization") String authorization, NewTeam body) {
        Views.CreatedTeam t = teams.create(authorization, body == null ? null : body.name());
        return Response.status(Response.Status.CREATED).entity(t).build();
    }
}
