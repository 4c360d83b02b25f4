package org.crystograph.inference;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How a model's inference spreads over the CPU: {@code workers} threads, each running its own forward passes, and
 * {@code intraOpThreads} libtorch threads inside each forward pass.
 *
 * <p>On a CPU the default is one worker per core with one libtorch thread each. For 50-atom cells of the small network
 * on 2 cores this gives 1.5x the throughput of one worker with two libtorch threads, and a lower batch-1 latency too
 * (docs/performance.md, "Serving"): the element-wise and gather operations that dominate the forward pass split poorly
 * across threads. On a GPU the default is one worker, since one stream already keeps the device busy.
 *
 * @param workers worker threads per model, each with its own predictors
 * @param intraOpThreads libtorch threads per forward pass
 */
public record ThreadLayout(int workers, int intraOpThreads) {

    /** Validates. */
    public ThreadLayout {
        if (workers < 1 || intraOpThreads < 1) {
            throw new IllegalArgumentException("workers and intra-op threads must be >= 1, got " + workers + " and "
                    + intraOpThreads);
        }
    }

    /**
     * The layout from configured values, where 0 means automatic.
     *
     * @param workers configured workers, 0 for one per core on a CPU and one on a GPU
     * @param intraOpThreads configured libtorch threads per forward pass, 0 for the cores divided among the workers
     * @param gpu whether the model runs on a GPU
     * @param cores CPU cores available to the process
     * @throws IllegalArgumentException for a negative value
     */
    public static ThreadLayout resolve(int workers, int intraOpThreads, boolean gpu, int cores) {
        if (workers < 0 || intraOpThreads < 0 || cores < 1) {
            throw new IllegalArgumentException("workers and intra-op threads must be >= 0 (0 = automatic) and cores"
                    + " >= 1, got " + workers + ", " + intraOpThreads + " and " + cores);
        }
        int w = workers > 0 ? workers : gpu ? 1 : cores;
        int t = intraOpThreads > 0 ? intraOpThreads : Math.max(1, cores / w);
        return new ThreadLayout(w, t);
    }

    /**
     * The layout for this process's cores ({@link Runtime#availableProcessors()}, which follows a container's CPU
     * limit) and an inference device name ({@code cpu}, {@code gpu} or {@code gpu:N}).
     *
     * @throws IllegalArgumentException for a bad device name or a negative value
     */
    public static ThreadLayout resolve(int workers, int intraOpThreads, String device) {
        return resolve(workers, intraOpThreads, DjlCheckpointBackend.device(device).isGpu(),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Sets libtorch's intra-op thread count for this process. libtorch applies it to each thread on that thread's
     * first parallel operation, so call this before the workers start.
     */
    public void applyToEngine() {
        Engine.getInstance();
        JniUtils.setNumThreads(intraOpThreads);
    }

    @Override
    public String toString() {
        return workers + " worker(s) x " + intraOpThreads + " libtorch thread(s)";
    }
}
