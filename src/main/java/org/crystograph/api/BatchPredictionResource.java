package org.crystograph.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.crystograph.api.dto.BatchPredictionRequest;
import org.crystograph.api.dto.BatchPredictionResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /v1/predictions:batch}: several structures, each answered on its own. A class of its own because a
 * literal ':' in a method-level path does not match next to the sibling {@code /predictions}. Cancelled with its
 * connection, as {@link PredictionResource}'s endpoints are.
 */
@Path("/v1/predictions:batch")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "predictions", description = "Property predictions")
public class BatchPredictionResource {

    @Inject
    PredictionService service;

    /** Several structures; each is answered on its own. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "predictBatch", summary = "Predict properties of several structures",
            description = "Up to crystograph.serving.max-structures-per-request structures (default 256). Each"
                    + " structure gets its own result or problem, so one bad file does not fail the others. The"
                    + " structures share the request's deadline (crystograph.serving.request-timeout): those not"
                    + " answered by then get a 503 problem deadline-exceeded each, and the response comes by the"
                    + " deadline.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchPredictionRequest.class)))
    @APIResponse(responseCode = "200", description = "One result per structure, in request order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchPredictionResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    @Blocking
    public Uni<BatchPredictionResponse> predictBatch(BatchPredictionRequest request,
            @Parameter(ref = "model") @QueryParam("model") String model,
            @Parameter(ref = "properties") @QueryParam("properties") List<String> properties,
            @Context HttpServerResponse response) {
        if (request == null || request.structures() == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "missing-structures", "Missing structures",
                    "the request needs a 'structures' array");
        }
        return Answers.cancellable(
                service.predictBatchAsync(request.structures(), Selection.of(model, properties)), response);
    }
}
