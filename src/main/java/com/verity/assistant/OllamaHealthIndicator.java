package com.verity.assistant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Ollama in {@code /actuator/health}: UP when it answers and the default model is pulled, and
 * otherwise DEGRADED, not DOWN: questions are still answered with passages, so the service stays
 * ready (DEGRADED maps to HTTP 200, see application.yaml).
 */
@Component("ollama")
class OllamaHealthIndicator implements HealthIndicator {

    /** Without a description: anonymous probes see the status only; admins see the details. */
    static final Status DEGRADED = new Status("DEGRADED");

    private final ModelCatalog models;

    OllamaHealthIndicator(ModelCatalog models) {
        this.models = models;
    }

    @Override
    public Health health() {
        ModelStatus status = models.status();
        if (!status.ollamaReachable()) {
            return Health.status(DEGRADED)
                    .withDetail("effect", "answers fall back to passages only")
                    .withDetail("error", status.ollamaError())
                    .build();
        }
        boolean defaultPulled =
                status.models().stream()
                        .anyMatch(m -> m.name().equals(status.defaultModel()) && m.pulled());
        Health.Builder health = defaultPulled ? Health.up() : Health.status(DEGRADED);
        if (!defaultPulled) {
            health.withDetail("effect", "answers fall back to passages only");
        }
        status.models()
                .forEach(m -> health.withDetail(m.name(), m.pulled() ? "pulled" : m.pullCommand()));
        return health.build();
    }
}
