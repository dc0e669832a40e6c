package com.verity.evaluation;

import static com.verity.evaluation.EvaluationFixtures.GOOD;
import static com.verity.evaluation.EvaluationFixtures.POOR;
import static com.verity.evaluation.EvaluationFixtures.QUESTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two models evaluated on a golden set through the real pipeline against the Ollama emulator: the
 * one that cites what it was given and the one that does not come apart in the report with
 * intervals that do not overlap; a judge grades answers; an evaluation can be cancelled; bad
 * requests are refused with what to do; other collections' evaluations stay invisible.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class EvaluationsApiTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.jobs.polling-interval", () -> "300ms");
    }

    @Autowired VerityApi api;

    String collection;
    String goldenSet;

    @BeforeEach
    void knowledgeBase() {
        ollama.reset().pulled(GOOD, POOR).respondWith(EvaluationFixtures.twoModels(30));
        if (collection == null) {
            collection = EvaluationFixtures.knowledgeBase(api);
            goldenSet = EvaluationFixtures.goldenSet(api, collection, "support");
        }
    }

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    void theModelThatCitesWhatItWasGivenBeatsTheOneThatDoesNotWithSeparateIntervals() {
        Reply<Map<String, Object>> started = start(Map.of());

        assertThat(started.status().value()).as("%s", started.body()).isEqualTo(202);
        String id = (String) started.body().get("id");
        assertThat(started.headers().getLocation()).hasToString("/api/evaluations/" + id);
        Map<String, Object> report = awaitEnd(id);

        assertThat(report)
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("collection", collection)
                .containsEntry("goldenSet", goldenSet)
                .containsKeys("startedAt", "finishedAt", "comparisons");
        assertThat((Map<String, Object>) report.get("progress"))
                .containsEntry("done", QUESTIONS * 2)
                .containsEntry("total", QUESTIONS * 2);
        Map<String, Object> models = (Map<String, Object>) report.get("models");
        assertThat(models).containsOnlyKeys(GOOD, POOR);
        Map<String, Object> good = answers(models, GOOD);
        Map<String, Object> poor = answers(models, POOR);
        assertThat(good.get("citationValidity")).isEqualTo(1.0);
        assertThat(poor.get("citationValidity")).isEqualTo(0.0);
        assertThat(interval(good, "citationValidity")[0])
                .isGreaterThan(interval(poor, "citationValidity")[1]);
        assertThat((Double) good.get("citedExpectedDocument"))
                .isGreaterThan((Double) poor.get("citedExpectedDocument"));
        assertThat(interval(good, "supportedSentences")[0])
                .isGreaterThan(interval(poor, "supportedSentences")[1]);
        assertThat((Double) good.get("refusalOnUnanswerable")).isEqualTo(1.0);
        for (String key :
                List.of(
                        "answered",
                        "notFound",
                        "passagesOnly",
                        "citationValidity",
                        "citedExpectedDocument",
                        "supportedSentences",
                        "referenceOverlap",
                        "referenceSimilarity",
                        "refusalOnUnanswerable")) {
            assertThat(good).containsKeys(key, key + "Ci");
            assertThat((Double) good.get(key)).isBetween(0.0, 1.0);
        }
        Map<String, Object> retrieval =
                (Map<String, Object>) ((Map<String, Object>) models.get(GOOD)).get("retrieval");
        assertThat((Double) retrieval.get("recallAt5")).isGreaterThanOrEqualTo(0.75);
        assertThat(retrieval).containsKeys("passageHitAt5", "mrr", "ndcgAt10", "recallAt5Ci");
        assertThat(retrieval)
                .as("the same question retrieves the same passages for every model")
                .isEqualTo(((Map<String, Object>) models.get(POOR)).get("retrieval"));
        Map<String, Object> goodLatency =
                (Map<String, Object>) ((Map<String, Object>) models.get(GOOD)).get("latency");
        Map<String, Object> poorLatency =
                (Map<String, Object>) ((Map<String, Object>) models.get(POOR)).get("latency");
        assertThat(((Number) poorLatency.get("totalP50Ms")).longValue())
                .isGreaterThan(((Number) goodLatency.get("totalP50Ms")).longValue());
        assertThat((Map<String, Object>) ((Map<String, Object>) models.get(GOOD)).get("tokens"))
                .containsKeys("promptPerAnswer", "completionPerAnswer", "completionPerSecond");
        assertThat((List<Map<String, Object>>) report.get("comparisons"))
                .filteredOn(c -> "citationValidity".equals(c.get("metric")))
                .singleElement()
                .satisfies(
                        c ->
                                assertThat(c)
                                        .containsEntry("a", GOOD)
                                        .containsEntry("b", POOR)
                                        .containsEntry("difference", 1.0)
                                        .containsEntry("significant", true));
        assertThat((Map<String, Object>) models.get(GOOD))
                .as("no judge, no judged numbers")
                .doesNotContainKey("judge");
        assertThat(api.get("/api/evaluations/" + id).body())
                .as("a report is reproducible")
                .isEqualTo(report);
        // the models page and GET /api/models show each model's latest figures
        List<Map<String, Object>> listed =
                (List<Map<String, Object>>) api.get("/api/models").body().get("models");
        assertThat(listed)
                .filteredOn(m -> POOR.equals(m.get("name")))
                .singleElement()
                .satisfies(
                        m ->
                                assertThat((Map<String, Object>) m.get("latestEvaluation"))
                                        .containsEntry("citationValidity", 0.0)
                                        .containsKeys("evaluation", "collection", "finishedAt"));
    }

    @Test
    void everyQuestionShowsBothAnswersAndTheReportsExportAsCsvAndHtml() {
        String id = (String) start(Map.of()).body().get("id");
        awaitEnd(id);

        List<Map<String, Object>> items =
                (List<Map<String, Object>>)
                        api.get("/api/evaluations/" + id + "/items").body().get("items");

        assertThat(items).hasSize(QUESTIONS);
        Map<String, Object> first = items.get(0);
        assertThat(first)
                .containsEntry("question", "How long do refunds take to arrive on the card?")
                .containsEntry("expectedDocuments", List.of("refunds.txt"));
        Map<String, Object> results = (Map<String, Object>) first.get("results");
        Map<String, Object> good = (Map<String, Object>) results.get(GOOD);
        Map<String, Object> poor = (Map<String, Object>) results.get(POOR);
        assertThat(good).containsEntry("mode", "ANSWERED").containsKeys("answer", "metrics");
        assertThat((String) good.get("rawOutput")).contains("[1]");
        assertThat((List<Map<String, Object>>) good.get("citations"))
                .extracting(c -> c.get("filename"))
                .contains("refunds.txt");
        assertThat((Map<String, Object>) good.get("metrics"))
                .containsEntry("citationValidity", 1.0);
        assertThat((Map<String, Object>) poor.get("metrics"))
                .containsEntry("citationValidity", 0.0);

        Reply<byte[]> csv = api.getBytes("/api/evaluations/" + id + "/report.csv");
        assertThat(csv.headers().getContentType().toString()).startsWith("text/csv");
        String[] lines = new String(csv.body(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0])
                .startsWith("position,question,answerable,expectedDocuments,model,mode");
        assertThat(lines).hasSize(1 + QUESTIONS * 2);

        Reply<byte[]> html = api.getBytes("/api/evaluations/" + id + "/report.html");
        assertThat(html.headers().getFirst("Content-Disposition")).startsWith("attachment");
        String page = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<svg", "citationValidity", "only where the models disagree", GOOD, POOR)
                .doesNotContain("<script", "src=\"http");
    }

    @Test
    void aJudgeGradesFaithfulnessAndRelevanceAndIsNamedBesideItsNumbers() {
        Reply<Map<String, Object>> started = start(Map.of("models", List.of(GOOD), "judge", GOOD));
        Map<String, Object> report = awaitEnd((String) started.body().get("id"));

        Map<String, Object> judge =
                (Map<String, Object>)
                        ((Map<String, Object>)
                                        ((Map<String, Object>) report.get("models")).get(GOOD))
                                .get("judge");
        assertThat(judge)
                .containsEntry("model", GOOD)
                .containsEntry("faithfulness", 1.0)
                .containsEntry("relevance", 0.75)
                .containsKeys("faithfulnessCi", "relevanceCi");
        assertThat(ollama.chatCalls())
                .anySatisfy(
                        call ->
                                assertThat(call.lastUserMessage())
                                        .contains("SUPPORTED:", "<passages>"));
    }

    @Test
    void anEvaluationCanBeCancelledAndStopsAnswering() {
        ollama.respondWith(EvaluationFixtures.twoModels(1500));
        String id = (String) start(Map.of()).body().get("id");

        Reply<Map<String, Object>> cancelled =
                api.post("/api/evaluations/" + id + "/cancel", Map.of());

        assertThat(cancelled.status().value()).isEqualTo(200);
        assertThat(cancelled.body()).containsEntry("state", "CANCELLED");
        VerityApi.sleep(2500);
        int calls = ollama.chatCallCount();
        VerityApi.sleep(2000);
        assertThat(ollama.chatCallCount()).as("no new answers after cancel").isEqualTo(calls);
        assertThat(api.post("/api/evaluations/" + id + "/cancel", Map.of()).status().value())
                .isEqualTo(409);
        assertThat(api.getList("/api/evaluations?collection=" + collection).body())
                .extracting(e -> e.get("id"))
                .contains(id);
    }

    @Test
    void badRequestsAreRefusedWithWhatToDo() {
        Reply<Map<String, Object>> notAllowed = start(Map.of("models", List.of("gpt-4o")));
        assertThat(notAllowed.status().value()).isEqualTo(400);
        assertThat((String) notAllowed.body().get("detail")).contains("gpt-4o", "GET /api/models");

        ollama.pulled(GOOD);
        Reply<Map<String, Object>> notPulled = start(Map.of());
        assertThat(notPulled.status().value()).isEqualTo(409);
        assertThat((String) notPulled.body().get("detail")).contains("ollama pull " + POOR);

        assertThat(start(Map.of("models", List.of())).status().value()).isEqualTo(400);
        assertThat(start(Map.of("promptVersion", "system-9+answer-9")).status().value())
                .isEqualTo(400);
        assertThat(api.get("/api/evaluations").status().value()).isEqualTo(400);
    }

    @Test
    void aCallerWhoMayNotEditTheCollectionNeverSeesItsEvaluations() {
        ollama.pulled(GOOD, POOR);
        String id = (String) start(Map.of("models", List.of(GOOD))).body().get("id");
        VerityApi agent = TestAccounts.create(api, "eval-agent", List.of("AGENT"), List.of()).api();

        assertThat(agent.get("/api/evaluations/" + id).status().value()).isIn(403, 404);
        VerityApi otherEditor =
                TestAccounts.create(api, "eval-editor", List.of("EDITOR"), List.of()).api();
        assertThat(otherEditor.get("/api/evaluations/" + id).status().value()).isEqualTo(404);
        assertThat(otherEditor.get("/api/evaluations/" + id + "/items").status().value())
                .isEqualTo(404);
        assertThat(
                        otherEditor
                                .post("/api/evaluations/" + id + "/cancel", Map.of())
                                .status()
                                .value())
                .isEqualTo(404);
        awaitEnd(id);
    }

    private Reply<Map<String, Object>> start(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>();
        body.put("collection", collection);
        body.put("goldenSet", goldenSet);
        body.put("models", EvaluationFixtures.models());
        body.putAll(overrides);
        return api.post("/api/evaluations", body);
    }

    private Map<String, Object> awaitEnd(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Map<String, Object> report = api.get("/api/evaluations/" + id).body();
            String state = (String) report.get("state");
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return report;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("evaluation did not end: " + report);
            }
            VerityApi.sleep(200);
        }
    }

    private static Map<String, Object> answers(Map<String, Object> models, String model) {
        return (Map<String, Object>) ((Map<String, Object>) models.get(model)).get("answers");
    }

    private static double[] interval(Map<String, Object> values, String key) {
        List<Double> ci = (List<Double>) values.get(key + "Ci");
        return new double[] {ci.get(0), ci.get(1)};
    }
}
