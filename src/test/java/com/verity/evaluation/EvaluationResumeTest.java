package com.verity.evaluation;

import static com.verity.evaluation.EvaluationFixtures.GOOD;
import static com.verity.evaluation.EvaluationFixtures.POOR;
import static com.verity.evaluation.EvaluationFixtures.QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.DocumentStatus;
import com.verity.ingestion.TestUploads;
import com.verity.security.Caller;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestDatabase;
import com.verity.support.TestUsers;
import com.verity.support.VerityApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;

/**
 * An evaluation whose instance stops half-way goes on from its checkpoint when the service starts
 * again: the answers made before the stop are kept, and no question is answered twice.
 */
class EvaluationResumeTest {

    @Test
    void anEvaluationStoppedHalfWayResumesAfterARestartWithoutAnsweringAnythingTwice() {
        Map<String, Object> database = TestDatabase.isolatedProperties("evaluation");
        try (OllamaEmulator ollama = OllamaEmulator.start()) {
            ollama.pulled(GOOD, POOR).respondWith(EvaluationFixtures.twoModels(400));
            UUID id;
            try (ConfigurableApplicationContext first = start(database, ollama)) {
                Caller admin = TestUsers.adminCaller(first);
                String collection = knowledgeBase(first, admin);
                GoldenSetView set =
                        first.getBean(GoldenSets.class)
                                .create(
                                        collection,
                                        "support",
                                        new MockMultipartFile(
                                                "file",
                                                "set.jsonl",
                                                "application/jsonl",
                                                EvaluationFixtures.GOLDEN_SET.getBytes(
                                                        StandardCharsets.UTF_8)),
                                        admin);
                Evaluations evaluations = first.getBean(Evaluations.class);
                id =
                        (UUID)
                                evaluations
                                        .start(
                                                new EvaluationRequest(
                                                        collection,
                                                        set.id(),
                                                        EvaluationFixtures.models(),
                                                        null,
                                                        null),
                                                admin)
                                        .get("id");
                await(() -> done(evaluations, id, admin) >= 4);
            }
            int callsBeforeRestart = ollama.chatCallCount();

            try (ConfigurableApplicationContext second = start(database, ollama)) {
                Caller admin = TestUsers.adminCaller(second);
                Evaluations evaluations = second.getBean(Evaluations.class);
                Map<String, Object> halfWay = evaluations.get(id, admin);
                assertThat(halfWay.get("state"))
                        .isIn(EvaluationState.RUNNING, EvaluationState.SUCCEEDED);
                await(() -> evaluations.get(id, admin).get("state") != EvaluationState.RUNNING);

                Map<String, Object> report = evaluations.get(id, admin);
                assertThat(report).containsEntry("state", EvaluationState.SUCCEEDED);
                assertThat(done(evaluations, id, admin)).isEqualTo(QUESTIONS * 2);
                JdbcClient jdbc = second.getBean(JdbcClient.class);
                assertThat(
                                jdbc.sql(
                                                "select max(attempts) from evaluation_item where evaluation_id = :id")
                                        .param("id", id)
                                        .query(Integer.class)
                                        .single())
                        .as("no question was taken twice")
                        .isEqualTo(1);
                assertThat(callsBeforeRestart).isLessThan(ollama.chatCallCount());
                assertThat(ollama.chatCallCount())
                        .as("one model call per question answered by a model, across the restart")
                        .isLessThanOrEqualTo(QUESTIONS * 2);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static int done(Evaluations evaluations, UUID id, Caller admin) {
        return (Integer)
                ((Map<String, Object>) evaluations.get(id, admin).get("progress")).get("done");
    }

    private static String knowledgeBase(ConfigurableApplicationContext instance, Caller admin) {
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

    private static ConfigurableApplicationContext start(
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

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 90 s");
            }
            VerityApi.sleep(100);
        }
    }
}
