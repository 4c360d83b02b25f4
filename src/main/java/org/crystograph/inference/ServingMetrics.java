package org.crystograph.inference;

/**
 * Names of the serving metrics (Micrometer meters, exported by Prometheus at {@code /q/metrics}).
 *
 * <p>Names are written with underscores so that the Prometheus name is the same string (plus the unit or
 * {@code _total} suffix Prometheus adds to timers and counters). Every meter carries the tag {@link #MODEL_TAG}.
 */
public final class ServingMetrics {

    /**
     * Requests waiting in a model's batching queue (gauge). The Kubernetes autoscaler scales on this name: do not
     * change it.
     */
    public static final String QUEUE_DEPTH = "crystograph_inference_queue_depth";

    /** Time from enqueueing one structure to its answer, queue wait included (timer with histogram buckets). */
    public static final String INFERENCE_LATENCY = "crystograph_inference_latency";

    /** Wall time of one whole REST prediction request, parsing and graph building included (timer, histogram). */
    public static final String REQUEST_LATENCY = "crystograph_prediction_request";

    /** Structures per executed batch (distribution summary). */
    public static final String BATCH_SIZE = "crystograph_inference_batch_size";

    /** Sites (atoms) per second of one executed batch's forward pass (distribution summary). */
    public static final String ATOMS_PER_SECOND = "crystograph_inference_atoms_per_second";

    /** Sites (atoms) run through the model (counter; its rate is the sustained atoms/s). */
    public static final String ATOMS = "crystograph_inference_atoms";

    /** Structures predicted (counter). */
    public static final String PREDICTIONS = "crystograph_inference_predictions";

    /** Structures refused because the queue was full (counter). */
    public static final String REJECTED = "crystograph_inference_rejected";

    /** Tag naming the served model. */
    public static final String MODEL_TAG = "model";

    private ServingMetrics() {
    }
}
