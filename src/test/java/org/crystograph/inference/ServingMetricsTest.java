package org.crystograph.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The exported Prometheus series name must equal the constant the autoscaler configuration is checked against. */
class ServingMetricsTest {

    @Test
    void queueDepthGauge_isScrapedUnderExactlyTheConstantName() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicInteger waiting = new AtomicInteger(7);
        Gauge.builder(ServingMetrics.QUEUE_DEPTH, waiting, AtomicInteger::get).register(registry);

        String scrape = registry.scrape();

        assertThat(scrape).containsPattern("(?m)^" + ServingMetrics.QUEUE_DEPTH + "(\\{[^}]*})? 7\\.0$");
        assertThat(scrape).contains("# TYPE " + ServingMetrics.QUEUE_DEPTH + " gauge");
    }
}
