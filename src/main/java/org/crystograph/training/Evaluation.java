package org.crystograph.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.crystograph.benchmark.FoldScore;
import org.crystograph.benchmark.Scorer;
import org.crystograph.benchmark.TaskData;
import org.crystograph.graph.CrystalGraph;
import org.crystograph.inference.CheckpointModel;

/** Scores a checkpoint on a task fold: MAE, RMSE, max error and the MAD baseline (UnconvBench {@link Scorer}). */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Predicts the test fold {@code fold} of a task (fold protocol as recorded in the checkpoint) and scores it
     * against the training folds' labels.
     *
     * @param cacheFile graph cache for the task's structures
     */
    public static FoldScore onTask(CheckpointModel model, String taskName, int fold, Path cacheFile,
            Consumer<String> log) {
        TaskData task = TrainingService.readTask(taskName);
        TrainingData.Protocol protocol = TrainingData.Protocol.valueOf(model.info().protocol());
        TrainingData data = TrainingData.load(task, protocol, model.graphBuilder(), cacheFile, log);
        List<LabelledGraph> test = data.fold(fold);
        if (test.isEmpty()) {
            throw new IllegalArgumentException("fold " + fold + " of " + taskName + " has no samples");
        }
        double[] trainLabels = data.allBut(fold).stream().mapToDouble(LabelledGraph::label).toArray();
        List<CrystalGraph> graphs = new ArrayList<>();
        for (LabelledGraph g : test) {
            graphs.add(g.graph());
        }
        double[] truth = test.stream().mapToDouble(LabelledGraph::label).toArray();
        return Scorer.scoreFold(fold, truth, model.predict(graphs), null, trainLabels);
    }

    /** Scores predictions of labelled structures against a baseline mean (MAD over the given labels). */
    public static FoldScore onLabelled(double[] truth, double[] prediction, double[] baselineLabels) {
        return Scorer.scoreFold(0, truth, prediction, null, baselineLabels);
    }
}
