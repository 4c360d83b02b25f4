package org.crystograph.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.crystograph.inference.ModelRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ModelReadinessCheckTest {

    @Test
    void beforeModelsAreLoaded_readinessIsDown_withStateLoading() {
        ModelReadinessCheck check = new ModelReadinessCheck();
        check.registry = new ModelRegistry();
        HealthCheckResponse r = check.call();
        assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(r.getData()).hasValueSatisfying(d -> assertThat(d).containsEntry("state", "loading"));
    }
}
