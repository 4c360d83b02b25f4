package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.crystograph.api.ApiDocument;
import org.crystograph.api.ApiException;
import org.crystograph.benchmark.service.ModelCardService;
import org.crystograph.benchmark.service.Views;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Model cards (spec section 6): registered by a team, referenced by its submissions, public to read. */
@Path("/v1/model-cards")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "benchmark")
public class ModelCardResource {

    @Inject
    ModelCardService cards;

    /** Registers a card for the token's team; 422 listing unknown keys, missing fields and bad values. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerModelCard", summary = "Register a model card (UnconvBench spec section 6);"
            + " unknown keys are rejected")
    @SecurityRequirement(name = ApiDocument.TEAM_TOKEN)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BenchmarkSchemas.ModelCard.class)))
    @APIResponse(responseCode = "201", description = "Registered",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The card's URL",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.ModelCardView.class)))
    @APIResponse(responseCode = "401", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "422", ref = ApiDocument.PROBLEM)
    public Response register(@HeaderParam("Authorization") String authorization,
            @Parameter(hidden = true) byte[] body) {
        Views.ModelCardView v = cards.register(authorization, body);
        return Response.created(URI.create("/v1/model-cards/" + v.id())).entity(v).build();
    }

    /** One card. */
    @GET
    @Path("/{id}")
    @Operation(operationId = "getModelCard", summary = "One model card")
    @APIResponse(responseCode = "200", description = "The card", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Views.ModelCardView.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.PROBLEM)
    public Views.ModelCardView get(@PathParam("id") long id) {
        return cards.find(id).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "model-card-not-found",
                "Not found", "no model card " + id));
    }
}
