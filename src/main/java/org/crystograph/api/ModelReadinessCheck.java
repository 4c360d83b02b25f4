package org.crystograph.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.crystograph.inference.ModelRegistry;
import org.crystograph.inference.ServedModel;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once every configured model is loaded and warmed up ({@code /q/health/ready}). */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    @Inject
    ModelRegistry registry;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("models")
                .withData("state", registry.state().name().toLowerCase());
        if (registry.state() != ModelRegistry.State.READY) {
            if (registry.failure() != null) {
                b.withData("reason", registry.failure());
            }
            return b.down().build();
        }
        for (ServedModel m : registry.models()) {
            b.withData(m.name(), m.card().checkpoints().size() + " checkpoint(s), queue " + m.engine().queueDepth());
        }
        return b.withData("default", registry.defaultModel()).withData("warm_up_ms", registry.warmUpMillis()).up()
                .build();
    }
}
