package com.verity.assistant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.stereotype.Component;

/**
 * Each OpenAI-compatible backend in {@code /actuator/health} as {@code backend-<name>}, beside
 * {@code ollama}: UP when it answers its {@code /models}, DEGRADED when not (its models' questions
 * fall back to passages only; the service stays ready).
 */
@Component
class BackendHealthIndicators {

    BackendHealthIndicators(
            ModelGateway gateway, ModelCatalog catalog, HealthContributorRegistry registry) {
        for (ChatBackend backend : gateway.backends()) {
            if (backend.server().ollama()) {
                continue;
            }
            String name = backend.server().name();
            String key = "backend-" + name;
            if (registry.getContributor(key) == null) {
                registry.registerContributor(key, (HealthIndicator) () -> health(catalog, name));
            }
        }
    }

    private static Health health(ModelCatalog catalog, String name) {
        ModelStatus status = catalog.status();
        ModelStatus.Backend backend =
                status.backends().stream()
                        .filter(b -> b.name().equals(name))
                        .findFirst()
                        .orElseThrow();
        if (!backend.reachable()) {
            return Health.status(OllamaHealthIndicator.DEGRADED)
                    .withDetail("effect", "its models' answers fall back to passages only")
                    .withDetail("error", backend.error())
                    .build();
        }
        Health.Builder health = Health.up();
        status.models().stream()
                .filter(m -> m.backend().equals(name))
                .forEach(m -> health.withDetail(m.name(), m.pulled() ? "served" : m.pullCommand()));
        return health.build();
    }
}
