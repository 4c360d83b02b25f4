package org.crystograph.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskSample;
import org.crystograph.benchmark.service.ScoringService;
import org.crystograph.inference.CheckpointModel;
import org.crystograph.model.DeviceChoice;
import org.crystograph.structure.io.StructureReaders;
import org.crystograph.training.Evaluation;
import org.crystograph.training.Evaluation.FoldPredictions;
import org.crystograph.training.TrainingData;
import org.crystograph.training.GraphCache;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crystograph evaluate --checkpoint DIR (--task T --fold k | --labels CSV FILE...)}: MAE, RMSE, max error and
 * the MAD baseline (the training-label mean as predictor). With {@code --submit URL} the checkpoint's predictions go
 * to an UnconvBench server through the participants' submission endpoint and are scored there against labels the
 * server keeps: the hidden track from a checkpoint trained on public rows only, or the cross-validation track from
 * five fold checkpoints, each predicting only the fold it never saw.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a checkpoint on a task's test fold, or on labelled structure files; --submit sends the "
                + "predictions to an UnconvBench server.")
public final class EvaluateCommand implements Callable<Integer> {

    /** Environment variable with the team token that {@code --submit} uses when {@code --token} is not given. */
    static final String TOKEN_ENV = "CRYSTOGRAPH_TEAM_TOKEN";

    /** A checkpoint's model card, read when {@code --model-card} is not given. */
    static final String MODEL_CARD = "model-card.json";

    /** Submission tracks. */
    enum Track { hidden, cv }

    @Option(names = "--checkpoint", description = "Checkpoint directory (default: the bundled perovskite model).")
    Path checkpoint;

    @Option(names = "--task", description = "Task key or dataset folder.")
    String task;

    @Option(names = "--fold", defaultValue = "0", description = "Test fold (default ${DEFAULT-VALUE}).")
    int fold;

    @Option(names = "--labels", description = "CSV of 'file,label' lines (no header) for FILE arguments; the MAD "
            + "baseline is then the mean of these labels.")
    Path labels;

    @Option(names = "--device", defaultValue = "CPU", description = "auto, cpu or gpu (default ${DEFAULT-VALUE}).")
    DeviceChoice device;

    @Option(names = "--atom-table", description = "Atom table file for TABLE checkpoints.")
    Path atomTable;

    @Option(names = "--submit", paramLabel = "URL", description = "Submit the predictions to an UnconvBench server "
            + "(e.g. http://localhost:8080) as the team of --token; the task defaults to the checkpoint's.")
    URI submit;

    @Option(names = "--track", defaultValue = "hidden", description = "Submission track: hidden (a checkpoint trained "
            + "with --protocol PUBLIC) or cv (--checkpoint RUN holding fold0..fold4/best). Default ${DEFAULT-VALUE}.")
    Track track;

    @Option(names = "--token", description = "Team API token for --submit (default: $" + TOKEN_ENV + ").")
    String token;

    @Option(names = "--model-card", description = "Model card JSON registered before submitting (default: "
            + MODEL_CARD + " in --checkpoint, the run directory for cv; the bundled model has its own).")
    Path modelCard;

    @Parameters(arity = "0..*", description = "Structure files named in --labels.")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (submit != null) {
            return submitPredictions(spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        if ((task == null) == (labels == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --task or --labels");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CheckpointModel model = checkpoint != null ? CheckpointModel.load(checkpoint, device, atomTable)
                : CheckpointModel.loadBundled(device)) {
            FoldScore score;
            if (task != null) {
                score = Evaluation.onTask(model, task, fold, GraphCache.temporaryFile(task), line -> { });
                out.printf("task %s fold %d (%s protocol), %d structures%n", task, fold, model.info().protocol(),
                        score.n());
            } else {
                List<String> lines = Files.readAllLines(labels);
                List<Double> truth = new ArrayList<>();
                List<org.crystograph.structure.Structure> structures = new ArrayList<>();
                Path base = labels.toAbsolutePath().getParent();
                for (String line : lines) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] parts = line.split(",");
                    if (parts.length < 2) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "bad labels line: " + line);
                    }
                    Path file = files.stream().filter(f -> f.getFileName().toString().equals(parts[0].trim()))
                            .findFirst().orElse(base.resolve(parts[0].trim()));
                    structures.add(StructureReaders.read(file).get(0).structure());
                    truth.add(Double.parseDouble(parts[1].trim()));
                }
                double[] t = truth.stream().mapToDouble(Double::doubleValue).toArray();
                score = Evaluation.onLabelled(t, model.predictStructures(structures), t);
                out.printf("%d labelled structures%n", score.n());
            }
            printScore(out, score, model.unit());
        }
        out.flush();
        return 0;
    }

    private static void printScore(PrintWriter out, FoldScore score, String unit) {
        out.printf("MAE           %.5f %s%n", score.mae(), unit);
        out.printf("RMSE          %.5f %s%n", score.rmse(), unit);
        out.printf("max error     %.5f %s%n", score.maxError(), unit);
        out.printf("MAD baseline  %.5f %s (MAE of predicting the training mean %.4f)%n", score.baselineMae(),
                unit, score.trainMean());
        out.printf("MAE / MAD     %.4f%n", score.scaled());
    }

    /**
     * Predicts the track's samples with checkpoints that never saw them, registers the model card and submits; the
     * exit code is 0 only when the server accepted and scored the submission.
     */
    private int submitPredictions(PrintWriter out, PrintWriter err) throws IOException {
        UnconvBenchClient client = new UnconvBenchClient(submit, token != null ? token : System.getenv(TOKEN_ENV));
        String card = modelCardJson();
        List<FoldPredictions> folds = track == Track.hidden ? List.of(predictHiddenTrack()) : predictFolds();
        String taskKey = folds.get(0).task();
        for (FoldPredictions f : folds) {
            out.printf("%s %s: %d predictions, local MAE %.5f (MAD baseline %.5f)%n", taskKey,
                    f.score().fold() < 0 ? "hidden" : ScoringService.foldKey(f.score().fold()), f.ids().size(),
                    f.score().mae(), f.score().baselineMae());
        }
        try {
            long cardId = client.postModelCard(card);
            ObjectNode payload = client.newObject().put("model_card_id", cardId).put("track", track.name());
            if (track == Track.hidden) {
                addRows(payload.putArray("predictions"), folds.get(0));
            } else {
                ObjectNode byFold = payload.putObject("folds");
                for (FoldPredictions f : folds) {
                    addRows(byFold.putArray(ScoringService.foldKey(f.score().fold())), f);
                }
            }
            JsonNode answer = client.submit(taskKey, payload);
            out.printf("submission %d to %s (%s track, model card %d): %s, MAE %.5f, MAE/MAD %.4f%n",
                    answer.path("id").asLong(), taskKey, track, cardId, answer.path("outcome").asText(),
                    answer.path("scores").path("mae").path("mean").asDouble(Double.NaN),
                    answer.path("scores").path("scaled_score").asDouble(Double.NaN));
            out.flush();
            return 0;
        } catch (UnconvBenchClient.SubmissionRefused e) {
            err.println(e.getMessage());
            err.println(e.problem().toPrettyString());
            err.flush();
            return 1;
        }
    }

    private static void addRows(com.fasterxml.jackson.databind.node.ArrayNode rows, FoldPredictions fold) {
        for (int i = 0; i < fold.ids().size(); i++) {
            rows.addObject().put("id", fold.ids().get(i)).put("prediction", fold.predictions()[i]);
        }
    }

    private FoldPredictions predictHiddenTrack() {
        try (CheckpointModel model = checkpoint != null ? CheckpointModel.load(checkpoint, device, atomTable)
                : CheckpointModel.loadBundled(device)) {
            requirePublicProtocol(model, "the hidden track");
            String taskName = task != null ? task : model.info().task();
            return Evaluation.predictFold(model, taskName, TaskSample.HIDDEN, GraphCache.temporaryFile(taskName), line -> { });
        }
    }

    private List<FoldPredictions> predictFolds() {
        if (checkpoint == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "the cv track needs --checkpoint RUN with one checkpoint per fold (RUN/fold<k>/best)");
        }
        List<FoldPredictions> folds = new ArrayList<>();
        for (int k = 0; k < TaskCatalog.loadDefault().folds(); k++) {
            try (CheckpointModel model = CheckpointModel.load(checkpoint.resolve("fold" + k).resolve("best"), device,
                    atomTable)) {
                requirePublicProtocol(model, "the cv track");
                if (model.info().fold() != k) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "the checkpoint for fold " + k
                            + " was trained with fold " + model.info().fold() + " held out: it has seen fold " + k);
                }
                String taskName = task != null ? task : model.info().task();
                folds.add(Evaluation.predictFold(model, taskName, k, GraphCache.temporaryFile(taskName), line -> { }));
            }
        }
        return folds;
    }

    /** Public-track scores need a model that never trained on the rows the server holds back. */
    private void requirePublicProtocol(CheckpointModel model, String what) {
        if (!TrainingData.Protocol.PUBLIC.name().equals(model.info().protocol())) {
            throw new CommandLine.ParameterException(spec.commandLine(), what + " needs a checkpoint trained with "
                    + "--protocol PUBLIC; this one used " + model.info().protocol() + " folds, which include rows the "
                    + "benchmark holds back");
        }
    }

    private String modelCardJson() throws IOException {
        if (modelCard != null) {
            return Files.readString(modelCard);
        }
        if (checkpoint != null) {
            Path beside = checkpoint.resolve(MODEL_CARD);
            if (Files.isRegularFile(beside)) {
                return Files.readString(beside);
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "no " + beside + ": give --model-card FILE");
        }
        try (var in = EvaluateCommand.class.getClassLoader()
                .getResourceAsStream(CheckpointModel.BUNDLED + "/" + MODEL_CARD)) {
            if (in == null) {
                throw new IllegalStateException("the bundled model has no " + MODEL_CARD);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
