package com.verity.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real PostgreSQL with pgvector for tests: a Testcontainers {@code pgvector/pgvector} container
 * when a Docker engine answers, otherwise the local server that {@code scripts/ensure-postgres.sh}
 * installs and starts (database {@code verity_test}, or {@code VERITY_TEST_DATABASE_URL}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/verity_test";

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer(
                DockerImageName.parse("pgvector/pgvector:pg17")
                        .asCompatibleSubstituteFor("postgres"));
    }

    @Bean
    @Conditional(NoDocker.class)
    DynamicPropertyRegistrar localPostgres() {
        return registry -> {
            String url = System.getenv().getOrDefault("VERITY_TEST_DATABASE_URL", DEFAULT_URL);
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> "postgres");
        };
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static final class DockerAvailable implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return dockerAvailable();
        }
    }

    static final class NoDocker implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !dockerAvailable();
        }
    }
}
