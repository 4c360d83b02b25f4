package org.crystograph.api;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.crystograph.api.dto.PredictionResponse;
import org.crystograph.api.dto.StructureInput;
import org.crystograph.api.dto.StructureUpload;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code POST /v1/predictions} (one structure, as a raw file body, a JSON envelope or a multipart upload) and
 * {@code POST /v1/predictions:batch}. Thin: maps HTTP to {@link PredictionService}, which reads the structure and builds
 * its graph on a graph thread of its own; the answer is returned as a {@link Uni} that completes by the request's
 * deadline, and a client that closes its connection stops the work done for it (graph building is interrupted, the
 * structure leaves the model's queue). File bodies are taken as bytes and decoded as files are (UTF-8, else
 * ISO-8859-1; binary content is a 422 problem), so no body is refused for its encoding alone.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "predictions", description = "Property predictions")
public class PredictionResource {

    @Inject
    PredictionService service;

    /** One structure as a raw file body; the content type names the format. */
    @POST
    @Path("/predictions")
    @Consumes({StructureMediaTypes.CIF, StructureMediaTypes.POSCAR, StructureMediaTypes.EXTXYZ,
        StructureMediaTypes.OPTIMADE, StructureMediaTypes.PYMATGEN})
    @Operation(operationId = "predict", summary = "Predict properties of one structure",
            description = "One structure as a raw file body (the content type names the format), as a JSON envelope"
                    + " {\"format\", \"structure\"}, or as a multipart upload (part file, optional part format)."
                    + " File bodies are decoded as files are: UTF-8, else ISO-8859-1; binary content is a 422 problem."
                    + " Concurrent requests are batched on the server. Every request is answered within"
                    + " crystograph.serving.request-timeout (15 s): past it the answer is a 503 problem"
                    + " deadline-exceeded naming the stage, and the work still running for the request is stopped.")
    @RequestBody(required = true, content = {
        @Content(mediaType = StructureMediaTypes.CIF, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = StructureMediaTypes.POSCAR, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = StructureMediaTypes.EXTXYZ, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = StructureMediaTypes.OPTIMADE, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = StructureMediaTypes.PYMATGEN, schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StructureInput.class)),
        @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                schema = @Schema(implementation = StructureUpload.class)),
    })
    @APIResponse(responseCode = "200", description = "The predictions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PredictionResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDocument.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDocument.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = ApiDocument.INVALID_STRUCTURE)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    @Blocking
    public Uni<PredictionResponse> predictFile(@Parameter(hidden = true) byte[] body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(ref = "model") @QueryParam("model") String model,
            @Parameter(ref = "properties") @QueryParam("properties") List<String> properties,
            @Context HttpServerResponse response) {
        String format = StructureMediaTypes.format(contentType).orElseThrow(() -> unsupported(contentType));
        return Answers.cancellable(service.predictAsync(body, format, Selection.of(model, properties)), response);
    }

    /** One structure in a JSON envelope {@code {"format", "structure"}}. */
    @POST
    @Path("/predictions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    @Blocking
    public Uni<PredictionResponse> predictJson(StructureInput input, @QueryParam("model") String model,
            @QueryParam("properties") List<String> properties, @Context HttpServerResponse response) {
        if (input == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "missing-structure", "Missing structure",
                    "the request body is empty");
        }
        return Answers.cancellable(service.predictAsync(input, Selection.of(model, properties)), response);
    }

    /**
     * One structure as a multipart upload: part {@code file}, optional part {@code format}; without it the format
     * comes from the part's content type, its file name or, failing those, its content.
     */
    @POST
    @Path("/predictions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    @Blocking
    public Uni<PredictionResponse> predictUpload(@RestForm("file") FileUpload file, @RestForm("format") String format,
            @QueryParam("model") String model, @QueryParam("properties") List<String> properties,
            @Context HttpServerResponse response) throws IOException {
        if (file == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "missing-file", "Missing file",
                    "the multipart request has no part named 'file'");
        }
        String f = format != null && !format.isBlank() ? format
                : StructureMediaTypes.format(file.contentType())
                        .or(() -> StructureMediaTypes.formatOfFileName(file.fileName()))
                        .orElse(null); // recognised from the content
        byte[] bytes = Files.readAllBytes(file.uploadedFile()); // decoded as a file is, by the structure reader
        return Answers.cancellable(service.predictAsync(bytes, f, Selection.of(model, properties)), response);
    }

    private static ApiException unsupported(String contentType) {
        return new ApiException(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported media type", "no structure format for content type " + contentType,
                Map.of("formats", StructureInputReader.FORMATS));
    }
}
