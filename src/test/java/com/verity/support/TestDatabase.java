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

    /**
     * The role the service connects as, as in production: not a superuser, owner of its database
     * (scripts/ensure-postgres.sh creates both).
     */
    static final String USER = System.getenv().getOrDefault("VERITY_TEST_DATABASE_USER", "verity");

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
            registry.add("spring.datasource.username", () -> USER);
        };
    }

    /**
     * Small connection pools: the test context cache keeps a dozen application contexts alive at
     * once, and each one's pool of the production size would together exceed PostgreSQL's default
     * of 100 connections.
     */
    @Bean
    DynamicPropertyRegistrar smallConnectionPools() {
        return registry -> {
            registry.add("spring.datasource.hikari.maximum-pool-size", () -> "6");
            // a cached context paused between test classes gives its connections back
            registry.add("spring.datasource.hikari.minimum-idle", () -> "0");
            registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
        };
    }

    /**
     * Properties that point a service started by hand (not through the test context) at a real
     * database: a container of its own when Docker answers, else the local test database.
     */
    public static java.util.Map<String, Object> standaloneProperties() {
        if (dockerAvailable()) {
            PostgreSQLContainer container =
                    new PostgreSQLContainer(
                            DockerImageName.parse("pgvector/pgvector:pg17")
                                    .asCompatibleSubstituteFor("postgres"));
            container.start();
            return java.util.Map.of(
                    "spring.datasource.url", container.getJdbcUrl(),
                    "spring.datasource.username", container.getUsername(),
                    "spring.datasource.password", container.getPassword());
        }
        return java.util.Map.of(
                "spring.datasource.url",
                System.getenv().getOrDefault("VERITY_TEST_DATABASE_URL", DEFAULT_URL),
                "spring.datasource.username",
                USER);
    }

    /**
     * Like {@link #standaloneProperties()}, but a database of its own, created empty: for tests
     * whose instances must not meet the job schedulers of other tests' services (cached test
     * contexts keep running theirs while a test class starts its own instances).
     */
    public static java.util.Map<String, Object> isolatedProperties(String name) {
        if (dockerAvailable()) {
            return standaloneProperties();
        }
        String base = System.getenv().getOrDefault("VERITY_TEST_DATABASE_URL", DEFAULT_URL);
        String server = base.substring(0, base.lastIndexOf('/') + 1);
        String database = base.substring(base.lastIndexOf('/') + 1) + "_" + name;
        try (java.sql.Connection admin =
                        java.sql.DriverManager.getConnection(server + "postgres", "postgres", "");
                java.sql.Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists \"" + database + "\" with (force)");
            statement.execute("create database \"" + database + "\" owner \"" + USER + "\"");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
        // the extension needs a superuser; the service, connecting as its own role, finds it there
        try (java.sql.Connection admin =
                        java.sql.DriverManager.getConnection(server + database, "postgres", "");
                java.sql.Statement statement = admin.createStatement()) {
            statement.execute("create extension if not exists vector");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the vector extension in " + database, e);
        }
        return java.util.Map.of(
                "spring.datasource.url", server + database, "spring.datasource.username", USER);
    }

    /**
     * Command-line arguments for a service started by hand: arguments outrank application.yaml,
     * while SpringApplicationBuilder's properties() would not.
     */
    public static String[] arguments(java.util.Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
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
