package com.verity.evaluation;

import static com.verity.evaluation.EvaluationFixtures.GOOD;
import static com.verity.evaluation.EvaluationFixtures.POOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Reply;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agents compare two models blind: A and B in a random order with no model named until the vote,
 * one vote per comparison by the one who asked, and win rates with intervals per collection.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class ArenaTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;

    String collection;
    VerityApi agent;

    @BeforeEach
    void knowledgeBase() {
        ollama.reset().pulled(GOOD, POOR).respondWith(EvaluationFixtures.twoModels(0));
        if (collection == null) {
            collection = EvaluationFixtures.knowledgeBase(api);
            agent = TestAccounts.create(api, "arena-agent", List.of("AGENT"), List.of()).api();
        }
    }

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    void twoBlindAnswersInARandomOrderRevealTheirModelsOnlyAfterTheVote() {
        Set<String> modelsOfA = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Reply<Map<String, Object>> compared =
                    compare(agent, "How long does standard shipping take?");
            assertThat(compared.status().value()).as("%s", compared.body()).isEqualTo(200);
            Map<String, Object> body = compared.body();
            assertThat(body.toString()).doesNotContain(GOOD, POOR);
            Map<String, Object> answers = (Map<String, Object>) body.get("answers");
            assertThat(answers).containsOnlyKeys("A", "B");
            String winner = cites((Map<String, Object>) answers.get("A")) ? "A" : "B";

            Reply<Map<String, Object>> voted =
                    agent.put(
                            "/api/comparisons/" + body.get("comparisonId") + "/vote",
                            Map.of("winner", winner));

            assertThat(voted.status().value()).isEqualTo(200);
            Map<String, Object> models = (Map<String, Object>) voted.body().get("models");
            assertThat(models.get(winner))
                    .as("the answer that cites is the good model's")
                    .isEqualTo(GOOD);
            modelsOfA.add((String) models.get("A"));
        }
        assertThat(modelsOfA).as("both orders occur").containsExactlyInAnyOrder(GOOD, POOR);

        List<Map<String, Object>> standings =
                agent.getList("/api/collections/" + collection + "/arena").body();
        assertThat(standings)
                .singleElement()
                .satisfies(
                        row -> {
                            assertThat(row)
                                    .containsEntry("model", POOR)
                                    .containsEntry("opponent", GOOD)
                                    .containsEntry("wins", 0)
                                    .containsEntry("losses", 10)
                                    .containsEntry("winRate", 0.0);
                            List<Double> ci = (List<Double>) row.get("winRateCi");
                            assertThat(ci.get(0)).isZero();
                            assertThat(ci.get(1)).isBetween(0.2, 0.35);
                        });
    }

    @Test
    void aComparisonTakesOneVoteFromTheOneWhoAskedAndAValidWinner() {
        String id =
                (String)
                        compare(agent, "How long is the appliance warranty?")
                                .body()
                                .get("comparisonId");
        VerityApi other =
                TestAccounts.create(api, "arena-other", List.of("AGENT"), List.of()).api();

        assertThat(
                        agent.put("/api/comparisons/" + id + "/vote", Map.of("winner", "C"))
                                .status()
                                .value())
                .isEqualTo(400);
        assertThat(
                        other.put("/api/comparisons/" + id + "/vote", Map.of("winner", "A"))
                                .status()
                                .value())
                .isEqualTo(404);
        assertThat(
                        agent.put("/api/comparisons/" + id + "/vote", Map.of("winner", "tie"))
                                .status()
                                .value())
                .isEqualTo(200);
        assertThat(
                        agent.put("/api/comparisons/" + id + "/vote", Map.of("winner", "A"))
                                .status()
                                .value())
                .isEqualTo(409);
        assertThat(
                        agent.post(
                                        "/api/ask/compare",
                                        Map.of(
                                                "question",
                                                "q?",
                                                "collection",
                                                collection,
                                                "models",
                                                List.of(GOOD, GOOD)))
                                .status()
                                .value())
                .isEqualTo(400);
        assertThat(compare(agent, "q?", "no-such-collection").status().value()).isEqualTo(404);
    }

    private Reply<Map<String, Object>> compare(VerityApi as, String question) {
        return compare(as, question, collection);
    }

    private static Reply<Map<String, Object>> compare(
            VerityApi as, String question, String collection) {
        return as.post("/api/ask/compare", Map.of("question", question, "collection", collection));
    }

    private static boolean cites(Map<String, Object> answer) {
        return !((List<?>) answer.get("citations")).isEmpty();
    }
}
