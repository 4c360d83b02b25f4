package org.crystograph.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and reads the data of any catalogue task: LOCAL tasks under the datasets directory, official tasks as
 * {@code ub_<key>.json} under the official-data directory. A task whose files are absent is unavailable, not an
 * error.
 *
 * @param catalog the task catalogue (folds and seed)
 * @param localDir datasets directory, if any
 * @param officialDir directory of the official {@code ub_*.json} files, if any
 */
public record TaskDataReader(TaskCatalog catalog, Optional<Path> localDir, Optional<Path> officialDir) {

    /** The label file of the task, if present. */
    public Optional<Path> labelFile(TaskDefinition task) {
        Optional<Path> file = task.track() == TaskDefinition.Track.OFFICIAL
                ? officialDir.map(d -> d.resolve(OfficialTaskReader.fileName(task)))
                : localDir.map(d -> LocalTaskReader.labelFile(task, d.resolve(task.folder())));
        return file.filter(Files::isRegularFile);
    }

    /** Whether the task's data is present. */
    public boolean available(TaskDefinition task) {
        return labelFile(task).isPresent();
    }

    /**
     * Reads the task.
     *
     * @throws TaskDataException if the data is absent or invalid
     */
    public TaskData read(TaskDefinition task) {
        Path file = labelFile(task).orElseThrow(() -> new TaskDataException("data of task " + task.key()
                + " is not available"));
        return task.track() == TaskDefinition.Track.OFFICIAL
                ? OfficialTaskReader.read(task, file, catalog.folds(), catalog.foldSeed())
                : LocalTaskReader.read(task, file.getParent(), catalog.folds(), catalog.foldSeed());
    }

    /** Reads a task by key. */
    public TaskData read(String key) {
        return read(catalog.require(key));
    }
}
