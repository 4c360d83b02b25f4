package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.crystograph.api.ApiException;
import org.crystograph.benchmark.service.ModelCardService;
import org.crystograph.benchmark.service.Views;

/** Model cards (spec section 6): registered by a team, referenced by its submissions, public to read. */
@Path("/v1/model-cards")
@Produces(MediaType.APPLICATION_JSON)
public class ModelCardResource {

    @Inject
    ModelCardService cards;

    /** Registers a card for the token's team; 422 listing unknown keys, missing fields and bad values. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@HeaderParam("Authorization") String authorization, byte[] body) {
        Views.ModelCardView v = cards.register(authorization, body);
        return Response.created(URI.create("/v1/model-cards/" + v.id())).entity(v).build();
    }

    /** One card. */
    @GET
    @Path("/{id}")
    public Views.ModelCardView get(@PathParam("id") long id) {
        return cards.find(id).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "model-card-not-found",
                "Not found", "no model card " + id));
    }
}
