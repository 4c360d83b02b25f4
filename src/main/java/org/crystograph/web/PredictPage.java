package org.crystograph.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.crystograph.api.ApiException;
import org.crystograph.api.PredictionService;
import org.crystograph.api.Problem;
import org.crystograph.api.Selection;
import org.crystograph.api.dto.PredictionResponse;
import org.crystograph.api.ProblemMapper;
import org.crystograph.structure.ReadOptions;
import org.crystograph.structure.StructureException;
import org.crystograph.structure.io.Format;
import org.crystograph.structure.io.ParsedStructure;
import org.crystograph.structure.io.StructureReaders;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /predict}: upload or paste a structure and see what the service reads from it (formula, sites, cell,
 * warnings) and what it predicts. A plain HTML form posted back to the same path, so it works without scripts. Failures
 * are shown as the same problem document the REST API answers, with the same status code.
 */
@Path("/predict")
public class PredictPage {

    /** Name shown as the source of pasted text. */
    static final String PASTED_SOURCE = "pasted text";
    /** Number of significant digits shown for predicted values. */
    private static final String VALUE_FORMAT = "%.4g";

    private final PredictionService predictions;

    /** The page calls the same prediction service as {@code POST /v1/predictions}. */
    @Inject
    public PredictPage(PredictionService predictions) {
        this.predictions = predictions;
    }

    /** The empty form. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return Pages.predict(PredictForm.empty(), List.of(), List.of(), null, null);
    }

    /**
     * Reads the uploaded file (preferred when one was chosen) or the pasted text and renders the result.
     *
     * @param file the uploaded file, if any
     * @param text pasted structure text, if any
     * @param format a format id, or blank to detect it from the content
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@RestForm("file") FileUpload file, @RestForm("text") String text,
            @RestForm("format") String format) {
        PredictForm form = new PredictForm(text, format);
        Optional<Format> chosen = Optional.empty();
        if (!form.format().isBlank()) {
            chosen = Format.fromName(form.format());
            if (chosen.isEmpty()) {
                // as POST /v1/structures:parse answers an unknown format name
                return failure(form, new Problem("/problems/unknown-format", "Unknown format", 400,
                        "format '" + form.format() + "' is not one of " + String.join(", ", form.formats()),
                        Map.of()));
            }
        }
        byte[] bytes;
        String source;
        if (file != null && file.fileName() != null && !file.fileName().isBlank()) {
            bytes = read(file);
            source = file.fileName();
        } else if (!form.text().isBlank()) {
            bytes = form.text().getBytes(StandardCharsets.UTF_8);
            source = PASTED_SOURCE;
        } else {
            return failure(form, new Problem("/problems/missing-structure", "No structure", 400,
                    "choose a structure file or paste a structure into the text box", Map.of()));
        }
        List<ParsedStructure> parsed;
        try {
            parsed = StructureReaders.read(bytes, chosen, source, ReadOptions.defaults());
        } catch (StructureException e) {
            return failure(form, ProblemMapper.toProblem(e));
        }
        List<StructureSummary> summaries = parsed.stream().map(StructureSummary::of).toList();
        List<PredictionTable> tables = List.of();
        String note = null;
        try {
            PredictionResponse r = predictions.predict(bytes,
                    chosen.map(Format::id).orElse(null), Selection.of(null, List.of()));
            tables = List.of(table(source, r));
            if (summaries.size() == 1) { // the service's warnings: the reader's and what the graph showed
                summaries = List.of(summaries.get(0).withWarnings(r.structure().warnings()));
            }
        } catch (ApiException | StructureException e) {
            // the structure was read; say why there is no prediction (several blocks, queue full, models loading)
            note = "No prediction: " + e.getMessage();
        }
        return Response.ok(Pages.predict(form, summaries, tables, note, null))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    private static PredictionTable table(String source, PredictionResponse r) {
        List<PredictionTable.Row> rows = r.predictions().stream()
                .map(p -> new PredictionTable.Row(p.property(), String.format(Locale.ROOT, VALUE_FORMAT, p.value()),
                        p.uncertainty() == null ? "" : String.format(Locale.ROOT, VALUE_FORMAT, p.uncertainty()),
                        p.unit(), p.model()))
                .toList();
        return new PredictionTable(source + " (" + r.structure().formula() + ")", rows);
    }

    private static Response failure(PredictForm form, Problem problem) {
        return Response.status(problem.status())
                .entity(Pages.predict(form, List.of(), List.of(), null, problem))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file " + file.fileName(), e);
        }
    }
}
