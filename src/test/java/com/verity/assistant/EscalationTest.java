package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.ChatCall;
import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The escalation cascade against the Ollama emulator: a fast model that writes a sentence its
 * passage does not say, a strong one that answers from the passage; escalation to the strong model,
 * NEEDS_REVIEW when both fail, no escalation under the threshold or for a chosen model.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final String FAST = "mistral";
    static final String STRONG = "llama3.1:8b";
    static final String INVENTED =
            "Every customer also receives a complimentary voucher for the next purchase [1].";

    /** How each model answers now: {@code good} from the passage, {@code invents} a sentence. */
    final Map<String, String> behaviour = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.assistant.confident-similarity", () -> "0.5");
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;
    String collection;
    VerityApi agent;

    @BeforeAll
    void collectionWithACascade() {
        FirstPassageResponder fromPassage = new FirstPassageResponder();
        Function<ChatCall, String> responder =
                call ->
                        switch (behaviour.getOrDefault(call.model(), "good")) {
                            case "invents" -> fromPassage.apply(call) + " " + INVENTED;
                            case "silent" -> "Refunds work as described in the policy.";
                            default -> fromPassage.apply(call);
                        };
        ollama.pulled(FAST, STRONG).respondWith(responder);
        collection = api.newCollection("cascade");
        api.indexed(
                collection,
                Map.of(
                        "refunds.txt",
                        "Refunds are paid back to the original card within 14 days of the return."));
        agent = TestAccounts.create(api, "cascade-agent", List.of("AGENT"), List.of()).api();
    }

    @BeforeEach
    void escalateOnAnyUnsupportedSentence() {
        behaviour.clear();
        routing(Map.of("defaultModel", FAST, "escalationModel", STRONG, "unsupportedThreshold", 0));
    }

    @AfterAll
    void stopEmulator() {
        // other tests disallow the escalation model; a routing naming it would refuse that
        jdbc.sql(
                        "delete from collection_routing where collection_id ="
                                + " (select id from collection where name = :name)")
                .param("name", collection)
                .update();
        ollama.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnswerWithAnUnsupportedSentenceIsAnsweredAgainByTheEscalationModel() {
        behaviour.put(FAST, "invents");
        ollama.clearCalls();

        Map<String, Object> answer = ask(null);

        assertThat(answer)
                .containsEntry("mode", "ANSWERED")
                .containsEntry("model", STRONG)
                .containsEntry("escalated", true);
        assertThat((List<Object>) answer.get("unsupported")).isEmpty();
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) answer.get("attempts");
        assertThat(attempts).extracting(a -> a.get("model")).containsExactly(FAST, STRONG);
        assertThat(attempts.get(0))
                .containsEntry("mode", "ANSWERED")
                .containsEntry("unsupported", 1);
        assertThat(attempts.get(1)).containsEntry("unsupported", 0);
        assertThat(((Number) attempts.get(1).get("totalMs")).longValue())
                .isGreaterThanOrEqualTo(((Number) attempts.get(0).get("totalMs")).longValue());
        assertThat(ollama.chatCalls()).extracting(ChatCall::model).containsExactly(FAST, STRONG);

        Map<String, Object> stored =
                jdbc.sql(
                                "select attempts::text as a, escalated from turn where conversation_id = :c")
                        .param(
                                "c",
                                java.util.UUID.fromString(answer.get("conversationId").toString()))
                        .query()
                        .singleRow();
        assertThat(stored.get("a").toString()).contains("complimentary voucher").contains(STRONG);
        assertThat(stored).containsEntry("escalated", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenTheEscalationModelFailsTooTheTurnNeedsReview() {
        behaviour.put(FAST, "invents");
        behaviour.put(STRONG, "invents");

        Map<String, Object> answer = ask(null);

        assertThat(answer).containsEntry("mode", "NEEDS_REVIEW").containsEntry("escalated", true);
        assertThat(answer.get("notice").toString())
                .contains("could not be verified")
                .contains("review");
        assertThat((List<Object>) answer.get("unsupported")).hasSize(1);
        assertThat((List<Object>) answer.get("attempts")).hasSize(2);
        Map<String, Object> turn =
                agent.get("/api/conversations/" + answer.get("conversationId")).body();
        assertThat(turn.toString()).contains("NEEDS_REVIEW");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnswerCitingNothingWhileRetrievalIsConfidentEscalates() {
        behaviour.put(FAST, "silent");

        Map<String, Object> answer = ask(null);

        assertThat(answer).containsEntry("model", STRONG).containsEntry("escalated", true);
        assertThat((List<Object>) answer.get("citations")).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void underTheThresholdOrWithAChosenModelNothingEscalates() {
        behaviour.put(FAST, "invents");
        routing(
                Map.of(
                        "defaultModel",
                        FAST,
                        "escalationModel",
                        STRONG,
                        "unsupportedThreshold",
                        0.6));
        ollama.clearCalls();

        Map<String, Object> under = ask(null);
        assertThat(under)
                .containsEntry("mode", "ANSWERED")
                .containsEntry("model", FAST)
                .containsEntry("escalated", false);
        assertThat((List<Object>) under.get("unsupported")).hasSize(1);
        assertThat((List<Object>) under.get("attempts")).hasSize(1);

        behaviour.put(STRONG, "invents");
        routing(Map.of("defaultModel", FAST, "escalationModel", STRONG));
        Map<String, Object> chosen = ask(STRONG);
        assertThat(chosen).containsEntry("model", STRONG).containsEntry("escalated", false);
        assertThat(ollama.chatCalls()).extracting(ChatCall::model).containsExactly(FAST, STRONG);
    }

    @Test
    void theStreamSaysWhenTheAnswerStartsAgain() {
        behaviour.put(FAST, "invents");
        List<VerityApi.Event> events =
                agent.events(
                        "/api/ask/stream",
                        Map.of("question", "How long do refunds take?", "collection", collection));

        List<String> names = events.stream().map(VerityApi.Event::name).toList();
        assertThat(names).contains("escalating");
        assertThat(names.indexOf("escalating")).isLessThan(names.lastIndexOf("token"));
        assertThat(events.get(names.indexOf("escalating")).data()).contains(STRONG);
        assertThat(events.get(events.size() - 1).data()).contains("\"escalated\":true");
    }

    @Test
    void usageCountsEveryModelCallPerDayAndModel() {
        behaviour.put(FAST, "invents");
        ask(null);

        var usage = api.getList("/api/collections/" + collection + "/usage");
        assertThat(usage.status().value()).isEqualTo(200);
        assertThat(usage.body()).extracting(u -> u.get("model")).contains(FAST, STRONG);
        assertThat(usage.body())
                .allSatisfy(
                        u -> {
                            assertThat(((Number) u.get("answers")).longValue()).isPositive();
                            assertThat(((Number) u.get("promptTokens")).longValue()).isPositive();
                            assertThat(((Number) u.get("completionTokens")).longValue())
                                    .isPositive();
                            assertThat(u.get("day").toString())
                                    .isEqualTo(
                                            java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                                    .toString());
                        });
        assertThat(
                        api.get(
                                        "/api/collections/"
                                                + collection
                                                + "/usage?from=2020-01-01&to=2019-01-01")
                                .status()
                                .value())
                .isEqualTo(400);
        assertThat(agent.get("/api/collections/" + collection + "/usage").status().value())
                .isEqualTo(403);
    }

    @Test
    void routingIsCheckedAndAdminsOnly() {
        Map<String, Object> shown = api.get("/api/collections/" + collection + "/routing").body();
        assertThat(shown)
                .containsEntry("defaultModel", FAST)
                .containsEntry("escalationModel", STRONG)
                .containsEntry("verifiedAnswerThreshold", 0.92);
        assertThat(put(Map.of("escalationModel", "gpt-5")).status().value()).isEqualTo(400);
        assertThat(put(Map.of("defaultModel", FAST, "escalationModel", FAST)).status().value())
                .isEqualTo(400);
        assertThat(put(Map.of("unsupportedThreshold", 2)).status().value()).isEqualTo(400);
        assertThat(agent.get("/api/collections/" + collection + "/routing").status().value())
                .isEqualTo(403);
        assertThat(
                        agent.put(
                                        "/api/collections/" + collection + "/routing",
                                        Map.of("escalationModel", STRONG))
                                .status()
                                .value())
                .isEqualTo(403);
        assertThat(api.get("/api/collections/no-such/routing").status().value()).isEqualTo(404);
        // a model a routing names stays allowed and pulled
        var disallow = api.put("/api/models/" + STRONG, Map.of("allowed", false));
        assertThat(disallow.status().value()).isEqualTo(409);
        assertThat(disallow.body().get("detail").toString()).contains(collection);
    }

    private VerityApi.Reply<Map<String, Object>> put(Map<String, Object> body) {
        return api.put("/api/collections/" + collection + "/routing", body);
    }

    private void routing(Map<String, Object> routing) {
        var reply = put(routing);
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
    }

    private Map<String, Object> ask(String model) {
        Map<String, Object> body = new HashMap<>();
        body.put("question", "How long do refunds take?");
        body.put("collection", collection);
        if (model != null) {
            body.put("model", model);
        }
        var reply = agent.post("/api/ask", body);
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }
}
