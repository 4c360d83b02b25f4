package org.crystograph.benchmark.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.crystograph.benchmark.TaskCatalog;
import org.crystograph.benchmark.TaskDataReader;
import org.crystograph.config.DataPaths;

/** The task catalogue and the data reader configured for this service instance. */
@ApplicationScoped
public class BenchmarkData {

    private final TaskCatalog catalog;
    private final TaskDataReader reader;

    /** Loads the catalogue once. */
    @Inject
    public BenchmarkData(BenchmarkConfig config) {
        this.catalog = config.catalog().map(Path::of).map(TaskCatalog::load).orElseGet(TaskCatalog::loadDefault);
        this.reader = new TaskDataReader(catalog, DataPaths.dataDirectory(),
                config.officialDir().filter(s -> !s.isBlank()).map(Path::of));
    }

    /** The catalogue. */
    public TaskCatalog catalog() {
        return catalog;
    }

    /** The reader over the configured directories. */
    public TaskDataReader reader() {
        return reader;
    }

    /** The datasets directory, if any. */
    public Optional<Path> localDir() {
        return reader.localDir();
    }
}
