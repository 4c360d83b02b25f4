package org.crystograph.inference;

/**
 * Names of the serving metrics that other parts of the system depend on, kept in one place so the code that exports
 * them and the deployment that reads them (the Kubernetes autoscaler in {@code k8s/}) cannot drift apart.
 *
 * <p>Names are given exactly as Prometheus shows them on {@code /q/metrics}. Register them with Micrometer under the
 * same string and without a base unit: Micrometer's Prometheus naming convention keeps underscores and only appends a
 * suffix for units, so the exported series name equals the constant (checked by {@code ServingMetricsTest}).
 */
public final class ServingMetrics {

    /**
     * Per-pod gauge: the number of prediction requests waiting in this pod's inference queue (not yet in a running
     * batch), a count. The HorizontalPodAutoscaler scales on its average over the pods through the Prometheus
     * Adapter rule in {@code k8s/monitoring/}.
     */
    public static final String QUEUE_DEPTH = "crystograph_inference_queue_depth";

    private ServingMetrics() {
    }
}
