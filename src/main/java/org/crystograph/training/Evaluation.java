package org.crystograph.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.Scorer;
import org.crystograph.benchmark.TaskData;
import org.crystograph.benchmark.TaskSample;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.inference.CheckpointModel;

/** Scores a checkpoint on a task fold: MAE, RMSE, max error and the MAD baseline (UnconvBench {@link Scorer}). */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * A fold's predictions, by sample id, with their score.
     *
     * @param task task key
     * @param ids sample ids in file order
     * @param predictions one per id, in the label's unit
     * @param score MAE, RMSE, max error and the MAD baseline against the other folds' labels
     */
    public record FoldPredictions(String task, List<String> ids, double[] predictions, FoldScore score) {
    }

    /**
     * Predicts the test fold {@code fold} of a task (fold protocol as recorded in the checkpoint) and scores it
     * against the training folds' labels.
     *
     * @param cacheFile graph cache for the task's structures
     */
    public static FoldScore onTask(CheckpointModel model, String taskName, int fold, Path cacheFile,
            Consumer<String> log) {
        return predictFold(model, taskName, fold, cacheFile, log).score();
    }

    /**
     * Predicts fold {@code fold} of a task under the checkpoint's fold protocol; fold {@link TaskSample#HIDDEN} is the
     * hidden track of a {@code PUBLIC} checkpoint, scored against the public rows' labels.
     *
     * @param cacheFile graph cache for the task's structures
     */
    public static FoldPredictions predictFold(CheckpointModel model, String taskName, int fold, Path cacheFile,
            Consumer<String> log) {
        TaskData task = TrainingService.readTask(taskName);
        TrainingData.Protocol protocol = TrainingData.Protocol.valueOf(model.info().protocol());
        TrainingData data = TrainingData.load(task, protocol, model.graphBuilder(), cacheFile, log);
        List<LabelledGraph> test = data.fold(fold);
        if (test.isEmpty()) {
            throw new IllegalArgumentException(fold == TaskSample.HIDDEN ? taskName + " has no hidden track"
                    : "fold " + fold + " of " + taskName + " has no samples");
        }
        double[] trainLabels = data.allBut(fold).stream().mapToDouble(LabelledGraph::label).toArray();
        List<CrystalGraph> graphs = new ArrayList<>();
        for (LabelledGraph g : test) {
            graphs.add(g.graph()); // compact: CheckpointModel restores line features batch by batch
        }
        double[] truth = test.stream().mapToDouble(LabelledGraph::label).toArray();
        double[] predictions = model.predict(graphs);
        return new FoldPredictions(task.task().key(), test.stream().map(LabelledGraph::id).toList(), predictions,
                Scorer.scoreFold(fold, truth, predictions, null, trainLabels));
    }

    /** Scores predictions of labelled structures against a baseline mean (MAD over the given labels). */
    public static FoldScore onLabelled(double[] truth, double[] prediction, double[] baselineLabels) {
        return Scorer.scoreFold(0, truth, prediction, null, baselineLabels);
    }
}
