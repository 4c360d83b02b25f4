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
import org.crystograph.api.ApiException;
import org.crystograph.api.Problem;
import org.crystograph.api.ProblemMapper;
import org.crystograph.benchmark.service.BenchmarkConfig;
import org.crystograph.benchmark.service.SubmissionService;
import org.crystograph.benchmark.service.SubmitRequest;
import org.crystograph.benchmark.service.TaskQueryService;
import org.crystograph.benchmark.service.Views;

/** UnconvBench tasks: listing, task pages, folds, and the submission endpoint. */
@Path("/v1/tasks")
@Produces({MediaType.APPLICATION_JSON, CsvExport.TEXT_CSV})
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
    public Response list(@QueryParam("format") String format, @Context HttpHeaders headers) {
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
    public Response detail(@PathParam("key") String key, @QueryParam("format") String format,
            @Context HttpHeaders headers) {
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
    public Response fold(@PathParam("key") String key, @PathParam("k") int k, @QueryParam("format") String format,
            @Context HttpHeaders headers) {
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
    public Response submit(@PathParam("key") String key, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Content-Type") String contentType, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("X-Submitter") String submitter, @QueryParam("track") String track,
            @QueryParam("model_card_id") Long modelCardId, InputStream body) throws IOException {
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
        String detail = v.status() == 429 ? "quota " + v.limit().get("rule") + " reached"
                : (v.errors() == null ? 0 : v.errors().size()) + " rule(s) violated; nothing was scored";
        return ProblemMapper.problem(v.status(), type, title, detail, ext);
    }
}
