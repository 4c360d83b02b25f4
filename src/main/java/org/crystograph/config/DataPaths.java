package org.crystograph.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the labelled datasets live, for the command line and the service alike.
 *
 * <p>Resolution order: system property {@code crystograph.data-dir}, environment variable
 * {@code CRYSTOGRAPH_DATA_DIR}, then {@code ../shared/datasets} relative to the project root (system property
 * {@code crystograph.home}, set by {@code bin/crystograph}, else the working directory) when that folder exists.
 */
public final class DataPaths {

    private DataPaths() {
    }

    /** The dataset directory, or empty when none is configured and the default does not exist. */
    public static Optional<Path> dataDirectory() {
        String configured = System.getProperty("crystograph.data-dir", System.getenv("CRYSTOGRAPH_DATA_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path fallback = projectRoot().resolve("..").resolve("shared").resolve("datasets").normalize();
        return Files.isDirectory(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /** The project root: system property {@code crystograph.home}, else the working directory. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("crystograph.home", System.getProperty("user.dir"))).toAbsolutePath();
    }
}
