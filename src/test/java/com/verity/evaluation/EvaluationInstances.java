package com.verity.evaluation;

import com.verity.VerityApplication;
import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.DocumentStatus;
import com.verity.ingestion.TestUploads;
import com.verity.security.Caller;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestDatabase;
import com.verity.support.VerityApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockMultipartFile;

/** Service instances started by hand on a database of their own, with the evaluation fixtures. */
final class EvaluationInstances {

    private EvaluationInstances() {}

    static String knowledgeBase(ConfigurableApplicationContext instance, Caller admin) {
        String collection = "eval-" + UUID.randomUUID().toString().substring(0, 8);
        instance.getBean(CollectionCatalog.class).create(collection, null, admin);
        List<UUID> documents =
                TestUploads.upload(instance, collection, EvaluationFixtures.DOCUMENTS);
        DocumentCatalog catalog = instance.getBean(DocumentCatalog.class);
        await(
                () ->
                        documents.stream()
                                .allMatch(
                                        d ->
                                                catalog.get(d, admin).status()
                                                        == DocumentStatus.INDEXED));
        return collection;
    }

    static ConfigurableApplicationContext start(
            Map<String, Object> database, OllamaEmulator ollama) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("spring.datasource.hikari.maximum-pool-size", "6");
        properties.put("verity.ingestion.poll-interval", "200ms");
        properties.put("verity.jobs.polling-interval", "300ms");
        properties.put("verity.assistant.ollama.base-url", ollama.baseUrl());
        properties.put("verity.evaluation.workers", "1");
        return new SpringApplicationBuilder(VerityApplication.class)
                .run(TestDatabase.arguments(properties));
    }

    static GoldenSetView goldenSet(
            ConfigurableApplicationContext instance, String collection, Caller admin) {
        return instance.getBean(GoldenSets.class)
                .create(
                        collection,
                        "support",
                        new MockMultipartFile(
                                "file",
                                "set.jsonl",
                                "application/jsonl",
                                EvaluationFixtures.GOLDEN_SET.getBytes(StandardCharsets.UTF_8)),
                        admin);
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 90 s");
            }
            VerityApi.sleep(100);
        }
    }
}
