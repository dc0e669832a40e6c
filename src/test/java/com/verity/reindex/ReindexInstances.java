package com.verity.reindex;

import com.verity.VerityApplication;
import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.DocumentStatus;
import com.verity.ingestion.TestUploads;
import com.verity.support.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Service instances started by hand on one database, as several deployments (or one restarted)
 * would be, and a corpus of policy documents generated for them.
 */
final class ReindexInstances {

    static final String BGE = "bge-small-en-v1.5-q";
    static final String MINILM = "all-minilm-l6-v2-q";

    private static final String[] SUBJECTS = {
        "parking permits", "travel expenses", "remote work", "annual leave", "laptop returns",
        "visitor badges", "overtime pay", "expense receipts", "fire drills", "health insurance"
    };
    private static final String[] ACTIONS = {
        "must be approved by a line manager", "are reviewed by the finance team every month",
        "need a signed form from human resources", "expire after twelve months",
        "are recorded in the staff portal", "can be appealed within thirty days"
    };

    private ReindexInstances() {}

    /** A database of the test's own: only the instances it starts run jobs on it. */
    static Map<String, Object> database() {
        return TestDatabase.isolatedProperties("reindex");
    }

    /** An instance with quick polling and no delay before a replaced generation is removed. */
    static ConfigurableApplicationContext start(
            Map<String, Object> database, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("verity.ingestion.workers", "2");
        properties.put("verity.ingestion.poll-interval", "200ms");
        properties.put("verity.jobs.polling-interval", "300ms");
        properties.put("verity.jobs.heartbeat-interval", "1s");
        properties.put("verity.reindex.retire-delay", "0s");
        properties.put("verity.reindex.hand-back-delay", "1s");
        properties.putAll(overrides);
        return new SpringApplicationBuilder(VerityApplication.class)
                .run(TestDatabase.arguments(properties));
    }

    /** A new collection holding {@code count} generated documents, all INDEXED. */
    static String indexedCollection(ConfigurableApplicationContext instance, int count) {
        String collection = "reindex-" + UUID.randomUUID().toString().substring(0, 8);
        instance.getBean(CollectionCatalog.class)
                .create(collection, null, com.verity.support.TestUsers.adminCaller(instance));
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            files.put("policy-%03d.txt".formatted(i), policy(i));
        }
        awaitIndexed(instance, TestUploads.upload(instance, collection, files));
        return collection;
    }

    static void awaitIndexed(ConfigurableApplicationContext instance, List<UUID> documents) {
        DocumentCatalog catalog = instance.getBean(DocumentCatalog.class);
        await(
                Duration.ofSeconds(120),
                () ->
                        documents.stream()
                                .allMatch(
                                        id ->
                                                catalog.get(
                                                                        id,
                                                                        com.verity.support.TestUsers
                                                                                .adminCaller(
                                                                                        instance))
                                                                .status()
                                                        == DocumentStatus.INDEXED));
    }

    /**
     * A collection of {@code count} documents indexed by an instance of the default model (bge)
     * that runs no jobs and is stopped again: what a model change starts from.
     */
    static String indexedWithBge(Map<String, Object> database, int count) {
        try (ConfigurableApplicationContext bge =
                start(database, Map.of("verity.jobs.enabled", "false"))) {
            return indexedCollection(bge, count);
        }
    }

    /** No work execution of any re-index job is left in db-scheduler's table. */
    static void awaitNoWaitingWork(JdbcClient jdbc) {
        await(
                Duration.ofSeconds(30),
                () ->
                        jdbc.sql(
                                                "select count(*) from scheduled_tasks where"
                                                        + " task_name = 'reindex-work'")
                                        .query(Long.class)
                                        .single()
                                == 0);
    }

    /** A policy of several sections; document {@code i} names its own subject and code. */
    static String policy(int i) {
        StringBuilder text = new StringBuilder();
        String subject = SUBJECTS[i % SUBJECTS.length];
        text.append("Policy %d on %s (code KX-%04d)\n\n".formatted(i, subject, i));
        for (int section = 1; section <= 6; section++) {
            text.append("Section %d\n\n".formatted(section));
            for (int sentence = 0; sentence < 7; sentence++) {
                text.append(
                        "Requests about %s under policy KX-%04d %s, and rule %d.%d applies to every office in region %d. "
                                .formatted(
                                        subject,
                                        i,
                                        ACTIONS[(i + section + sentence) % ACTIONS.length],
                                        section,
                                        sentence,
                                        (i * 7 + sentence) % 13));
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    /** One job runs at a time per database: a job an earlier failed test left running goes. */
    static ReindexJobs jobsWithoutLeftovers(ConfigurableApplicationContext instance) {
        ReindexJobs jobs = instance.getBean(ReindexJobs.class);
        jobs.running().ifPresent(job -> jobs.cancel(job.id()));
        return jobs;
    }

    static JdbcClient jdbc(ConfigurableApplicationContext instance) {
        return instance.getBean(JdbcClient.class);
    }

    static long collectionId(ConfigurableApplicationContext instance, String collection) {
        return instance.getBean(CollectionCatalog.class).requireId(collection);
    }

    static ReindexJob awaitFinished(ConfigurableApplicationContext instance, UUID job) {
        ReindexJobs jobs = instance.getBean(ReindexJobs.class);
        await(Duration.ofSeconds(180), () -> jobs.get(job).state() != ReindexState.RUNNING);
        return jobs.get(job);
    }

    static void await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
