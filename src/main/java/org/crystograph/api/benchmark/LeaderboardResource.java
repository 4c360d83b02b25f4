package org.crystograph.api.benchmark;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.crystograph.api.ApiDocument;
import org.crystograph.benchmark.service.LeaderboardService;
import org.crystograph.benchmark.service.Views;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Leaderboards: composite over a task set, and per task with the MAD-baseline row; JSON or CSV. */
@Path("/v1/leaderboard")
@Produces({MediaType.APPLICATION_JSON, CsvExport.TEXT_CSV})
@Tag(name = "benchmark")
public class LeaderboardResource {

    @Inject
    LeaderboardService boards;

    /** Composite board over a preset ({@code set}, default {@code local}) or an explicit {@code tasks} list. */
    @GET
    @Operation(operationId = "getCompositeLeaderboard", summary = "Composite board (mean of S = mean_k MAE_k/MAD_k)"
            + " over a task set, for model cards covering every task")
    @APIResponse(responseCode = "200", description = "Composite board (CSV: one S_<task> column per task)",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Views.CompositeBoard.class)),
                @Content(mediaType = CsvExport.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)),
            })
    @APIResponse(responseCode = "400", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "404", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "422", ref = ApiDocument.PROBLEM)
    public Response composite(
            @Parameter(description = "Preset (2d_materials, MOF, defected, defected_bulk, sizes) or local",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "local"))
            @QueryParam("set") String set,
            @Parameter(description = "Comma-separated task keys instead of a preset") @QueryParam("tasks") String tasks,
            @Parameter(ref = ApiDocument.TRACK) @QueryParam("track") String track,
            @Parameter(ref = ApiDocument.FORMAT) @QueryParam("format") String format, @Context HttpHeaders headers) {
        Views.CompositeBoard b = boards.composite(set, tasks, track);
        if (!CsvExport.wanted(format, headers)) {
            return Response.ok(b, MediaType.APPLICATION_JSON).build();
        }
        List<String> header = new ArrayList<>(List.of("rank", "model_card_id", "model_name", "model_version", "team",
                "composite"));
        b.tasks().forEach(t -> header.add("S_" + t));
        List<List<Object>> rows = new ArrayList<>();
        for (Views.CompositeEntry e : b.entries()) {
            List<Object> r = new ArrayList<>(List.of(e.rank(), e.modelCardId(), e.modelName(), e.modelVersion(),
                    e.team(), e.composite()));
            b.tasks().forEach(t -> r.add(e.scaledScores().get(t)));
            rows.add(r);
        }
        return CsvExport.csv(CsvExport.table(header, rows));
    }

    /** Board of one task and track: per-fold MAE of each model card's latest submission, and the baseline row. */
    @GET
    @Path("/{task}")
    @Operation(operationId = "getTaskLeaderboard", summary = "Task board, per fold, with the MAD-baseline row"
            + " (training-mean predictor)")
    @APIResponse(responseCode = "200", description = "Task board (latest accepted submission of each model card,"
            + " ranked by mean MAE)", content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = Views.TaskBoard.class)),
                @Content(mediaType = CsvExport.TEXT_CSV, schema = @Schema(type = SchemaType.STRING)),
            })
    @APIResponse(responseCode = "400", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "404", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "409", ref = ApiDocument.PROBLEM)
    @APIResponse(responseCode = "422", ref = ApiDocument.PROBLEM)
    public Response task(@PathParam("task") String task,
            @Parameter(ref = ApiDocument.TRACK) @QueryParam("track") String track,
            @Parameter(ref = ApiDocument.FORMAT) @QueryParam("format") String format, @Context HttpHeaders headers) {
        Views.TaskBoard b = boards.taskBoard(task, track);
        if (!CsvExport.wanted(format, headers)) {
            return Response.ok(b, MediaType.APPLICATION_JSON).build();
        }
        List<String> header = new ArrayList<>(List.of("rank", "model_card_id", "model_name", "model_version", "team",
                "submission_id"));
        b.folds().forEach(f -> header.add("mae_" + f));
        header.addAll(List.of("mae_mean", "mae_std", "rmse_mean", "max_error_mean", "scaled_score"));
        List<List<Object>> rows = new ArrayList<>();
        List<Object> base = new ArrayList<>(List.of("", "", b.baseline().name(), "", "", ""));
        base.addAll(b.baseline().foldMae());
        base.addAll(List.of(b.baseline().mae().mean(), b.baseline().mae().std(), "", "", b.baseline().scaledScore()));
        rows.add(base);
        for (Views.BoardEntry e : b.entries()) {
            List<Object> r = new ArrayList<>(List.of(e.rank(), e.modelCardId(), e.modelName(), e.modelVersion(),
                    e.team(), e.submissionId()));
            r.addAll(e.foldMae());
            r.addAll(List.of(e.mae().mean(), e.mae().std(), e.rmse().mean(), e.maxError().mean(), e.scaledScore()));
            rows.add(r);
        }
        return CsvExport.csv(CsvExport.table(header, rows));
    }
}
