package com.verity.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training-data export: verified answers and answers rated helpful whose citations all check,
 * as chat JSON lines or Alpaca, each with the passages as the model saw them; an answer with an
 * unsupported sentence stays out, however it was rated; personal data masked on request.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingDataTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;
    String collection;
    VerityApi agent;

    @BeforeAll
    void ratedAndVerifiedAnswers() {
        FirstPassageResponder fromPassage = new FirstPassageResponder();
        ollama.pulled("mistral", "llama3.1:8b")
                .respondWith(
                        call ->
                                call.lastUserMessage().contains("How long are gift cards valid")
                                        ? fromPassage.apply(call)
                                                + " Gift cards never expire and can be refunded in cash [1]."
                                        : fromPassage.apply(call));
        collection = api.newCollection("training");
        api.indexed(
                collection,
                Map.of(
                        "refunds.txt",
                        "Refund questions go to refunds@example.com or +49 30 1234567 within 14 days."
                                + " Refunds are paid to DE89 3704 0044 0532 0130 00 style accounts only.",
                        "gifts.txt",
                        "Gift cards are valid for three years from the date of purchase."));
        agent = TestAccounts.create(api, "training-agent", List.of("AGENT"), List.of()).api();
        rateHelpful(ask("Where do refund questions go?"));
        rateHelpful(ask("How long are gift cards valid?"));
        Map<String, Object> answer = ask("Where do refund questions go?");
        Object chunk = ((List<Map<String, Object>>) answer.get("passages")).get(0).get("chunkId");
        api.post(
                "/api/collections/" + collection + "/verified-answers",
                Map.of(
                        "question", "Whom do I contact about a refund?",
                        "answer", "Write to refunds@example.com or call +49 30 1234567 [1].",
                        "citations", List.of(Map.of("chunkId", chunk))));
    }

    @AfterAll
    void stopEmulator() {
        ollama.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyCheckedAnswersAreExportedAsChatLinesWithThePassagesTheModelSaw() {
        var reply =
                api.getBytes("/api/collections/" + collection + "/training-data?format=chat-jsonl");
        assertThat(reply.status().value()).isEqualTo(200);
        assertThat(reply.headers().getContentType().toString()).startsWith("application/jsonl");
        List<Map<String, Object>> lines = parse(reply.body());

        assertThat(lines).hasSize(2);
        assertThat(lines)
                .extracting(l -> l.get("source"))
                .containsExactly("verified", "rated-helpful");
        for (Map<String, Object> line : lines) {
            List<Map<String, String>> messages = (List<Map<String, String>>) line.get("messages");
            assertThat(messages)
                    .extracting(m -> m.get("role"))
                    .containsExactly("system", "user", "assistant");
            assertThat(messages.get(1).get("content"))
                    .contains("<passage n=\"1\"")
                    .contains("refunds.txt");
            assertThat(line.get("prompt_version").toString()).startsWith("system-");
        }
        assertThat(reply.headers().getFirst("X-Verity-Helpful-Examples")).isEqualTo("1");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8))
                .doesNotContain("never expire")
                .contains("refunds@example.com");
    }

    @Test
    void personalDataIsMaskedOnRequestAndAlpacaIsOffered() {
        var reply =
                api.getBytes(
                        "/api/collections/"
                                + collection
                                + "/training-data?format=alpaca&mask-pii=true");
        List<Map<String, Object>> lines = parse(reply.body());
        assertThat(lines)
                .allSatisfy(l -> assertThat(l).containsKeys("instruction", "input", "output"));
        String text = new String(reply.body(), StandardCharsets.UTF_8);
        assertThat(text)
                .doesNotContain("refunds@example.com")
                .doesNotContain("1234567")
                .doesNotContain("DE89");
        assertThat(text).contains("[EMAIL]").contains("[PHONE]").contains("[IBAN]");

        assertThat(
                        api.get("/api/collections/" + collection + "/training-data?format=csv")
                                .status()
                                .value())
                .isEqualTo(400);
        assertThat(agent.get("/api/collections/" + collection + "/training-data").status().value())
                .isEqualTo(403);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(byte[] body) {
        return new String(body, StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isBlank())
                .map(line -> (Map<String, Object>) JSON.readValue(line, Map.class))
                .toList();
    }

    private void rateHelpful(Map<String, Object> answer) {
        var reply =
                agent.put(
                        "/api/conversations/"
                                + answer.get("conversationId")
                                + "/turns/"
                                + answer.get("turn")
                                + "/rating",
                        Map.of("helpful", true));
        assertThat(reply.status().value()).isEqualTo(204);
    }

    private Map<String, Object> ask(String question) {
        var reply = agent.post("/api/ask", Map.of("question", question, "collection", collection));
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }
}
