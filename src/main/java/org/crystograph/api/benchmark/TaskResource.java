package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crystograph.api.ApiDocument;
import org.crystograph.api.ApiException;
import org.crystograph.api.Problem;
import org.crystograph.api.ProblemMapper;
import org.crystograph.benchmark.service.BenchmarkConfig;
import org.crystograph.benchmark.service.SubmissionService;
import org.crystograph.benchmark.service.SubmitRequest;
import org.crystograph.benchmark.service.TaskQueryService;
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

/** UnconvBench tasks: listing, task pages, folds, and the submission endpoint. */
@Path("/v1/tasks")
@Produces({MediaType.APPLICATION_JSON, CsvExport.TEXT_CSV})
@Tag(name = "benchmark")
public class TaskResource {

    /** Response header that marks the replay of an earlier attempt with the same Idempotency-Key and payload. */
    static final String REPLAYED = "Idempotent-Replayed";

    @Inject
    TaskQueryService tasks;

    @Inject
    SubmissionService submissions;

    @Inject
    BenchmarkConfig config;

    /** Every catalogue task with its availability. */
    @GET
    @Operation(operationId = "listTasks", summary = "List every catalogue task with its availability (official tasks"
            + " without data are unavailable)")
    @APIResponse(responseCode = "200", description = "Task summaries", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(type = SchemaType.ARRAY, implementation = Views.TaskSummary.class)),
        @Content(mediaType = CsvExport.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)),
    })
    @APIResponse(responseCode = "400", ref = ApiDocument.PROBLEM)
    public Response list(@Parameter(ref = ApiDocument.FORMAT) @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        List<Views.TaskSummary> all = tasks.list();
        if (!CsvExport.wanted(format, headers)) {
            return Response.ok(all, MediaType.APPLICATION_JSON).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Views.TaskSummary t : all) {
            rows.add(List.of(t.key(), t.track(), t.materialClass(), t.property(), t.label(), t.unit(), t.n(),
                    t.available(), t.nPublic() == null ? "" : t.nPublic(), t.nHidden() == null ? "" : t.nHidden(),
                    t.metric(), t.licence(), t.citation()));
        }
        return CsvExport.csv(CsvExport.table(List.of("key", "track", "class", "property", "label", "unit", "n",
                "available", "n_public", "n_hidden", "metric", "licence", "citation"), rows));
    }

    /** A task page: metadata, fold sizes, public samples with folds and labels, hidden-track ids. */
    @GET
    @Path("/{key}")
    @Operation(operationId = "getTask", summary = "Task page with public metadata, fold sizes, public samples (fold,"
            + " training label) and hidden-track ids")
    @APIResponse(responseCode = "200", description = "Task detail (CSV columns id, fold, label, structure_file;"
            + " hidden rows carry no label)", content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Views.TaskDetail.class)),
                @Content(mediaType = CsvExport.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)),
            })
    @APIResponse(responseCode = "400", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "404", ref = ApiDocument.PROBLEM)
    public Response detail(@Parameter(ref = ApiDocument.TASK_KEY) @PathParam("key") String key,
            @Parameter(ref = ApiDocument.FORMAT) @QueryParam("format") String format, @Context HttpHeaders headers) {
        Views.TaskDetail d = tasks.detail(key).orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND,
                "task-not-found", "Not found", "unknown task " + key));
        if (!CsvExport.wanted(format, headers)) {
            return Response.ok(d, MediaType.APPLICATION_JSON).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        d.samples().forEach(s -> rows.add(List.of(s.id(), "fold_" + s.fold(), s.label(),
                s.structureFile() == null ? "" : s.structureFile())));
        d.hiddenIds().forEach(s -> rows.add(List.of(s.id(), "hidden", "",
                s.structureFile() == null ? "" : s.structureFile())));
        return CsvExport.csv(CsvExport.table(List.of("id", "fold", "label", "structure_file"), rows));
    }

    /** One fold: test ids and training rows with labels. */
    @GET
    @Path("/{key}/folds/{k}")
    @Operation(operationId = "getFold", summary = "One public fold, test ids and training rows with labels")
    @APIResponse(responseCode = "200", description = "The fold (CSV columns role, id, label, structure_file)",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Views.FoldView.class)),
                @Content(mediaType = CsvExport.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)),
            })
    @APIResponse(responseCode = "400", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "404", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "409", ref = ApiDocument.PROBLEM)
    public Response fold(@Parameter(ref = ApiDocument.TASK_KEY) @PathParam("key") String key,
            @Parameter(description = "Fold number; 404 outside 0..4",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "4"))
            @PathParam("k") int k,
            @Parameter(ref = ApiDocument.FORMAT) @QueryParam("format") String format, @Context HttpHeaders headers) {
        Views.FoldView f = tasks.fold(key, k);
        if (!CsvExport.wanted(format, headers)) {
            return Response.ok(f, MediaType.APPLICATION_JSON).build();
        }
        List<List<Object>> rows = new ArrayList<>();
        f.test().forEach(s -> rows.add(List.of("test", s.id(), "", s.structureFile() == null ? "" : s.structureFile())));
        f.train().forEach(s -> rows.add(List.of("train", s.id(), s.label(),
                s.structureFile() == null ? "" : s.structureFile())));
        return CsvExport.csv(CsvExport.table(List.of("role", "id", "label", "structure_file"), rows));
    }

    /**
     * Submits predictions (JSON or CSV). 201 with fold and task metrics when accepted; 422 problem+json listing every
     * violated rule; 429 when a quota is reached. An earlier identical request with the same Idempotency-Key is
     * replayed with the header {@value #REPLAYED}: 200 with the entry when it was accepted, else its problem again.
     */
    @POST
    @Path("/{key}/submissions")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "submitPredictions", summary = "Submit predictions for the five folds (track cv) or for"
            + " every hidden id (track hidden)", description = "All-or-nothing validation; every attempt is logged"
            + " with its payload and SHA-256. Quotas per team and task: 3 scored per 24 h, 20 per 30 days; rejected"
            + " attempts: 50 per 24 h per team. Other content types than JSON and CSV are rejected (415).")
    @SecurityRequirement(name = ApiDocument.TEAM_TOKEN)
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(implementation = BenchmarkSchemas.SubmissionPayload.class)),
        @Content(mediaType = CsvExport.TEXT_CSV, schema = @Schema(type = SchemaType.STRING,
                description = "header fold,id,prediction[,std]; fold = fold_0..fold_4 or hidden")),
    })
    @APIResponse(responseCode = "200", description = "Replay of an earlier accepted request with the same"
            + " Idempotency-Key and payload", headers = @Header(name = REPLAYED, description = "true",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.SubmissionView.class)))
    @APIResponse(responseCode = "201", description = "Accepted and scored (fold-level and task-level metrics only)",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The entry in the submission log",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.SubmissionView.class)))
    @APIResponse(responseCode = "401", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "404", description = "Unknown task (the attempt is logged)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = BenchmarkSchemas.SubmissionProblem.class)))
    @APIResponse(responseCode = "409", description = "Task not open for submissions, or Idempotency-Key used before"
            + " with another payload (the attempt is logged)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = BenchmarkSchemas.SubmissionProblem.class)))
    @APIResponse(responseCode = "413", description = "Upload above the size limit (the attempt is logged)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = BenchmarkSchemas.SubmissionProblem.class)))
    @APIResponse(responseCode = "415", description = "Content type neither JSON nor CSV (the attempt is logged)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = BenchmarkSchemas.SubmissionProblem.class)))
    @APIResponse(responseCode = "422", description = "Rejected; errors lists every violated rule with fold, count and"
            + " the first 20 ids",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = BenchmarkSchemas.SubmissionProblem.class)))
    @APIResponse(responseCode = "429", description = "Quota reached; limit names it (the attempt is logged)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = BenchmarkSchemas.SubmissionProblem.class)))
    public Response submit(@Parameter(ref = ApiDocument.TASK_KEY) @PathParam("key") String key,
            @HeaderParam("Authorization") String authorization,
            @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
            @Parameter(description = "Repeating a key with the same payload replays the earlier answer, marked by"
                    + " the header " + REPLAYED) @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Parameter(description = "Optional user within the team, recorded in the log")
            @HeaderParam("X-Submitter") String submitter,
            @Parameter(description = "CSV uploads only",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"cv", "hidden"}))
            @QueryParam("track") String track,
            @Parameter(description = "CSV uploads only") @QueryParam("model_card_id") Long modelCardId,
            @Parameter(hidden = true) InputStream body) throws IOException {
        long cap = config.maxUploadBytes();
        byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
        boolean over = bytes.length > cap;
        Views.SubmitResult r = submissions.submit(new SubmitRequest(key, authorization, contentType, bytes, over,
                idempotencyKey, submitter, track, modelCardId));
        Views.SubmissionView v = r.submission();
        if (v.status() == 201) {
            if (r.replay()) {
                return Response.ok(v, MediaType.APPLICATION_JSON).header(REPLAYED, "true").build();
            }
            return Response.created(URI.create("/v1/submissions/" + v.id())).entity(v)
                    .type(MediaType.APPLICATION_JSON).build();
        }
        // a rejected or rate-limited attempt, replayed or not, is answered with the same problem document
        Response problem = rejection(v);
        return r.replay() ? Response.fromResponse(problem).header(REPLAYED, "true").build() : problem;
    }

    /** The problem+json answer to a rejected (4xx) or rate-limited (429) attempt, naming its log entry. */
    private static Response rejection(Views.SubmissionView v) {
        Map<String, Object> ext = new java.util.LinkedHashMap<>();
        ext.put("submission_id", v.id());
        if (v.errors() != null) {
            ext.put("errors", v.errors());
        }
        if (v.limit() != null) {
            ext.put("limit", v.limit());
        }
        String type = v.status() == 429 ? "rate-limited" : "invalid-submission";
        String title = v.status() == 429 ? "Submission quota reached" : "Submission rejected";
        String detail = v.status() == 429 ? "quota " + v.limit().rule() + " reached"
                : (v.errors() == null ? 0 : v.errors().size()) + " rule(s) violated; nothing was scored";
        return ProblemMapper.problem(v.status(), type, title, detail, ext);
    }
}
