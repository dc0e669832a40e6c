package com.verity.evaluation;

import static com.verity.evaluation.EvaluationFixtures.GOOD;
import static com.verity.evaluation.EvaluationFixtures.POOR;
import static com.verity.evaluation.EvaluationFixtures.QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.security.Caller;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestDatabase;
import com.verity.support.TestUsers;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

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
            try (ConfigurableApplicationContext first =
                    EvaluationInstances.start(database, ollama)) {
                Caller admin = TestUsers.adminCaller(first);
                String collection = EvaluationInstances.knowledgeBase(first, admin);
                GoldenSetView set = EvaluationInstances.goldenSet(first, collection, admin);
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
                EvaluationInstances.await(() -> done(evaluations, id, admin) >= 4);
            }
            int callsBeforeRestart = ollama.chatCallCount();

            try (ConfigurableApplicationContext second =
                    EvaluationInstances.start(database, ollama)) {
                Caller admin = TestUsers.adminCaller(second);
                Evaluations evaluations = second.getBean(Evaluations.class);
                Map<String, Object> halfWay = evaluations.get(id, admin);
                assertThat(halfWay.get("state"))
                        .isIn(EvaluationState.RUNNING, EvaluationState.SUCCEEDED);
                EvaluationInstances.await(
                        () -> evaluations.get(id, admin).get("state") != EvaluationState.RUNNING);

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
}
