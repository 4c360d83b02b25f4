package org.crystograph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Which models the prediction service loads ({@code crystograph.model.*}).
 *
 * <p>A model is a directory: either one checkpoint (a directory holding {@code checkpoint.json}) or an ensemble (a
 * directory whose sub-directories are checkpoints of the same tasks, for example the five fold models); its name is
 * the directory name.
 */
@ConfigMapping(prefix = "crystograph.model")
public interface ModelConfig {

    /**
     * Extra model directories to serve, comma-separated (checkpoint or ensemble directories as described on the
     * type). Environment: {@code CRYSTOGRAPH_MODEL_DIRECTORIES}.
     */
    Optional<List<String>> directories();

    /** Whether to serve the models bundled with the application (classpath {@code models/}). */
    @WithDefault("true")
    boolean bundled();

    /**
     * Name of the model used when a request names none; when absent, the first configured directory, else the first
     * bundled model.
     */
    Optional<String> defaultModel();

    /** Device for inference: {@code cpu}, or {@code gpu} / {@code gpu:N} for a CUDA device. */
    @WithDefault("cpu")
    String device();

    /** Whether each worker runs one batch of small structures through the model before readiness is reported. */
    @WithDefault("true")
    boolean warmUp();

    /**
     * Whether models load in the background after the HTTP server starts (liveness up at once, readiness once loaded
     * and warm); {@code false} loads them during startup, so the application starts ready (used by tests).
     */
    @WithDefault("true")
    boolean loadInBackground();

    /** Longest wait for all models to load and warm up, in seconds; past it readiness reports the failure. */
    @WithDefault("600")
    int loadTimeoutSeconds();
}
