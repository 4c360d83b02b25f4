package org.crystograph.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.crystograph.api.dto.ModelList;
import org.crystograph.inference.ModelCard;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /v1/models}: the loaded models with their cards. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models", description = "Served models")
public class ModelResource {

    @Inject
    PredictionService service;

    /** All loaded models; 503 while they are loading. */
    @GET
    @Operation(operationId = "listModels", summary = "List the served models")
    @APIResponse(responseCode = "200", description = "The model cards", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelList.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public ModelList list() {
        return service.models();
    }

    /** One model's card; 404 for an unknown name. */
    @GET
    @Path("/{name}")
    @Operation(operationId = "getModel", summary = "Get one model's card")
    @APIResponse(responseCode = "200", description = "The model card", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelCard.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public ModelCard get(@PathParam("name") String name) {
        return service.model(name).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "unknown-model",
                "Unknown model", "no model named '" + name + "' is served"));
    }
}
