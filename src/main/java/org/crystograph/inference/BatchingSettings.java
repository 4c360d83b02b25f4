package org.crystograph.inference;

import java.time.Duration;

/**
 * How one model's engine groups requests and how much it queues.
 *
 * @param maxBatchSize most structures in one forward pass; 1 turns batching off
 * @param maxDelay longest a request waits (from its arrival) for others to join its batch; with several workers a
 *     worker takes its share of what is waiting without waiting for more
 * @param maxBatchSites most sites (atoms) in one forward pass, summed over its structures; a single larger structure
 *     still runs, alone
 * @param queueCapacity requests that may wait; beyond it {@link QueueFullException}
 * @param workers worker threads, each with its own predictors
 * @param retryAfter what a refused client is told to wait before retrying
 * @param spreadEnsemble whether a worker whose batch runs while no request waits offers some of an ensemble's
 *     checkpoints to the other workers (a lone request then costs about {@code ceil(checkpoints / workers)} forward
 *     passes of latency instead of one per checkpoint)
 */
public record BatchingSettings(int maxBatchSize, Duration maxDelay, int maxBatchSites, int queueCapacity, int workers,
        Duration retryAfter, boolean spreadEnsemble) {

    /** Validates. */
    public BatchingSettings {
        positive("maxBatchSize", maxBatchSize);
        positive("maxBatchSites", maxBatchSites);
        positive("queueCapacity", queueCapacity);
        positive("workers", workers);
        if (maxDelay == null || maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must be >= 0, got " + maxDelay);
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be >= 0, got " + retryAfter);
        }
    }

    /** The same settings with batching off (batch size 1, no delay). */
    public BatchingSettings unbatched() {
        return new BatchingSettings(1, Duration.ZERO, maxBatchSites, queueCapacity, workers, retryAfter,
                spreadEnsemble);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
