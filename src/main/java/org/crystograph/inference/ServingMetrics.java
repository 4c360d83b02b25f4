package org.crystograph.inference;

/**
 * Names of the serving metrics (Micrometer meters, exported by Prometheus at {@code /q/metrics}), kept in one place so
 * the code that exports them and the deployment that reads them (the Kubernetes autoscaler in {@code k8s/}) cannot
 * drift apart.
 *
 * <p>Names are given exactly as Prometheus shows them, registered with Micrometer under the same string: Micrometer's
 * Prometheus naming convention keeps underscores and only appends a unit suffix to timers ({@code _seconds}) and
 * {@code _total} to counters (checked by {@code ServingMetricsTest}). Per-model meters carry the tag
 * {@link #MODEL_TAG}.
 */
public final class ServingMetrics {

    /**
     * Per-pod gauge: the number of prediction requests waiting in this pod's inference queues (all models together,
     * not yet in a running batch), a count, without tags. The HorizontalPodAutoscaler scales on its average over the
     * pods through the Prometheus Adapter rule in {@code k8s/monitoring/}: do not change it.
     */
    public static final String QUEUE_DEPTH = "crystograph_inference_queue_depth";

    /** Requests waiting in one model's batching queue (gauge, tagged with the model). */
    public static final String MODEL_QUEUE_DEPTH = "crystograph_inference_model_queue_depth";

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

    /**
     * Structures withdrawn before they ran because their request was cancelled, for example by a client that closed
     * its connection (counter).
     */
    public static final String CANCELLED = "crystograph_inference_cancelled";

    /**
     * Checkpoint forward passes of a batch run by a worker other than the batch's own (counter; see
     * {@code BatchingSettings#spreadEnsemble}).
     */
    public static final String SPREAD_PASSES = "crystograph_inference_spread_passes";

    /** Structures waiting for a graph thread of the prediction endpoints (gauge). */
    public static final String GRAPH_QUEUE_DEPTH = "crystograph_graph_queue_depth";

    /** Graph threads reading a structure or building its graph now (gauge). */
    public static final String GRAPH_BUSY = "crystograph_graph_workers_busy";

    /**
     * Graph builds still running several seconds after their request's deadline or cancellation interrupted them
     * (gauge): each holds a graph thread until it ends. Above zero means some input makes graph building ignore
     * interrupts.
     */
    public static final String GRAPH_STUCK = "crystograph_graph_builds_stuck";

    /** Tag naming the served model. */
    public static final String MODEL_TAG = "model";

    private ServingMetrics() {
    }
}
