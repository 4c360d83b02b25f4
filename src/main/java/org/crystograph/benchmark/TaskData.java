package org.crystograph.benchmark;

import java.nio.file.Path;
import java.util.List;

/**
 * The labelled samples of one task, partitioned into public folds and the hidden track.
 *
 * @param task the definition
 * @param structureSource the zip, folder or JSON file holding the structures
 * @param fileRowCount data rows in the file, labelled or not (fixes the id padding)
 * @param sha256 SHA-256 (hex) of the label file (labels.csv, id_prop.csv or ub_*.json)
 * @param samples labelled samples in file order
 */
public record TaskData(TaskDefinition task, Path structureSource, int fileRowCount, String sha256,
        List<TaskSample> samples) {

    /** Copies the list in. */
    public TaskData {
        samples = List.copyOf(samples);
    }

    /** Samples of the public cross-validation track, in file order. */
    public List<TaskSample> publicSamples() {
        return samples.stream().filter(s -> !s.hidden()).toList();
    }

    /** Samples of the hidden test track, in file order. */
    public List<TaskSample> hiddenSamples() {
        return samples.stream().filter(TaskSample::hidden).toList();
    }

    /** Public test samples of fold k. */
    public List<TaskSample> testSamples(int fold) {
        return samples.stream().filter(s -> s.publicFold() == fold).toList();
    }

    /** Public training samples of fold k (every public sample outside test fold k). */
    public List<TaskSample> trainSamples(int fold) {
        return samples.stream().filter(s -> !s.hidden() && s.publicFold() != fold).toList();
    }
}
