package org.crystograph.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The served OpenAPI document's shared parts: info, tags, the bearer-token schemes, the problem responses and the
 * parameters that resources reference by name. {@code openapi.yaml} at the project root is the contract this must
 * match. The JAX-RS application itself is the default one: every resource class is served at the root.
 */
@OpenAPIDefinition(
        info = @Info(title = "crystograph", version = "0.1.0",
                description = "Crystal property prediction (CrysToGraph) and the UnconvBench benchmark."),
        tags = {
            @Tag(name = "structures", description = "Reading structure files"),
            @Tag(name = "benchmark", description = "UnconvBench tasks, submissions and leaderboards"
                    + " (unconvbench/README.md)"),
            @Tag(name = "predictions", description = "Property predictions"),
            @Tag(name = "models", description = "Served models"),
        },
        components = @Components(
                securitySchemes = {
                    @SecurityScheme(securitySchemeName = ApiDocument.TEAM_TOKEN, type = SecuritySchemeType.HTTP,
                            scheme = "bearer", description = "A team's token (POST /v1/admin/teams)"),
                    @SecurityScheme(securitySchemeName = ApiDocument.ADMIN_TOKEN, type = SecuritySchemeType.HTTP,
                            scheme = "bearer", description = "The admin token (CRYSTOGRAPH_ADMIN_TOKEN)"),
                },
                parameters = {
                    @Parameter(name = "model", in = ParameterIn.QUERY,
                            description = "Model name (GET /v1/models); default the service's default model.",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Parameter(name = "properties", in = ParameterIn.QUERY,
                            description = "Properties to predict, repeated or comma-separated; default all tasks"
                                    + " of the model.",
                            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
                    @Parameter(name = ApiDocument.TASK_KEY, in = ParameterIn.PATH, required = true,
                            description = "Task key (GET /v1/tasks)", schema = @Schema(type = SchemaType.STRING)),
                    @Parameter(name = ApiDocument.FORMAT, in = ParameterIn.QUERY,
                            description = "Export format; Accept: text/csv works too",
                            schema = @Schema(type = SchemaType.STRING, enumeration = {"json", "csv"})),
                    @Parameter(name = ApiDocument.TRACK, in = ParameterIn.QUERY,
                            description = "Board of the 5-fold cross-validation track or of the hidden track",
                            schema = @Schema(type = SchemaType.STRING, enumeration = {"cv", "hidden"},
                                    defaultValue = "cv")),
                },
                responses = {
                    @APIResponse(name = ApiDocument.PROBLEM, description = "RFC 9457 problem",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDocument.BAD_REQUEST, description = "Malformed request, unknown model or"
                            + " property", content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDocument.NOT_FOUND, description = "No such resource",
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDocument.PAYLOAD_TOO_LARGE, description = "Body above the size limit"
                            + " (default 20 MiB) or too many structures", content = @Content(
                                    mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDocument.UNSUPPORTED_MEDIA_TYPE, description = "Unknown structure format"
                            + " or content type", content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDocument.INVALID_STRUCTURE, description = "The structure cannot be read"
                            + " or is not valid (with format, line and field where known)", content = @Content(
                                    mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDocument.UNAVAILABLE, description = "Queue full, models loading, the"
                            + " request's deadline passed, or the service stopping; retry after the Retry-After"
                            + " header's seconds",
                            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = ApiDocument.DATABASE_UNAVAILABLE, description = "The benchmark database"
                            + " cannot be reached (predictions are not affected); retry after the Retry-After"
                            + " header's seconds",
                            headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying",
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                }))
public class ApiDocument extends Application {

    /** Security scheme: a team's bearer token. */
    public static final String TEAM_TOKEN = "teamToken";
    /** Security scheme: the admin bearer token. */
    public static final String ADMIN_TOKEN = "adminToken";
    /** Parameter component: the task key in the path. */
    public static final String TASK_KEY = "key";
    /** Parameter component: {@code ?format=json|csv} of the benchmark exports. */
    public static final String FORMAT = "format";
    /** Parameter component: {@code ?track=cv|hidden} of the leaderboards. */
    public static final String TRACK = "track";
    /** Response component: any RFC 9457 problem. */
    public static final String PROBLEM = "Problem";
    /** Response component: 400 problem. */
    public static final String BAD_REQUEST = "BadRequest";
    /** Response component: 404 problem. */
    public static final String NOT_FOUND = "NotFound";
    /** Response component: 413 problem. */
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    /** Response component: 415 problem. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    /** Response component: 422 problem. */
    public static final String INVALID_STRUCTURE = "InvalidStructure";
    /** Response component: 503 problem with Retry-After. */
    public static final String UNAVAILABLE = "Unavailable";
    /** Response component: 503 problem of an unreachable database, with Retry-After (see DatabaseOutageMapper). */
    public static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";
}
