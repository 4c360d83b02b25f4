package org.crystograph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the prediction service batches, queues and limits requests ({@code crystograph.serving.*}). Every model gets
 * its own queue and workers with these settings.
 */
@ConfigMapping(prefix = "crystograph.serving")
public interface ServingConfig {

    /** Most structures run in one forward pass; 1 turns dynamic batching off. */
    @WithDefault("32")
    int maxBatchSize();

    /** Longest a request waits, in milliseconds from its arrival, for others to join its batch (with one worker). */
    @WithDefault("5")
    int maxDelayMs();

    /** Most sites (atoms) in one forward pass, summed over its structures; bounds memory per batch. */
    @WithDefault("4096")
    int maxBatchSites();

    /** Structures that may wait per model; beyond it requests are refused with 503 and {@code Retry-After}. */
    @WithDefault("1024")
    int queueCapacity();

    /**
     * Worker threads per model, each with its own predictors; 0 (default) for one per CPU core on a CPU and one on a
     * GPU.
     */
    @WithDefault("0")
    int workers();

    /**
     * libtorch threads inside one forward pass; 0 (default) for the CPU cores divided among the workers (one each
     * with the default workers).
     */
    @WithDefault("0")
    int intraOpThreads();

    /**
     * Whether a worker whose batch runs while no request waits offers some of an ensemble's checkpoints to the other
     * workers: at low load a request to a model of several checkpoints then uses every core instead of one. No effect
     * with one worker or one checkpoint, nor while requests wait.
     */
    @WithDefault("true")
    boolean spreadEnsemble();

    /** Seconds a refused client is told to wait ({@code Retry-After}). */
    @WithDefault("1")
    int retryAfterSeconds();

    /** Most structures in one {@code POST /v1/predictions:batch} request. */
    @WithDefault("256")
    int maxStructuresPerRequest();

    /** Most sites (atoms) per structure; larger structures are refused with 422. */
    @WithDefault("1000")
    int maxSitesPerStructure();

    /** Largest request body in bytes (20 MiB); larger bodies are refused with 413. */
    @WithDefault("20971520")
    long maxRequestBytes();

    /**
     * Longest a prediction request may take, from the moment the service takes it up to its answer (reading the
     * structure, building its graph, waiting for and running the model): past it the request is answered with a 503
     * problem and the work still running for it is interrupted or withdrawn. A batch request shares one deadline among
     * its structures; those not done by then get their own 503. Keep it below {@code quarkus.shutdown.timeout} (20 s),
     * so that a request in flight at SIGTERM is answered before the service stops waiting for it.
     */
    @WithDefault("15s")
    Duration requestTimeout();

    /**
     * Threads that read structures and build their graphs for the prediction endpoints; 0 (default) for one per CPU
     * core. Graph building never runs on the HTTP worker threads, so a structure that is expensive to build occupies
     * one of these at most until its deadline.
     */
    @WithDefault("0")
    int graphThreads();

    /** Structures that may wait for a graph thread; beyond it requests are refused with 503 and {@code Retry-After}. */
    @WithDefault("1024")
    int graphQueueCapacity();
}
