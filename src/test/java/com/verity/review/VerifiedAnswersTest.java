package com.verity.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review queue and verified answers against real PostgreSQL and the Ollama emulator: a rated
 * down answer and a NOT_FOUND question wait in the queue, an editor publishes a verified answer for
 * one, a close question then gets it with no model call, and replacing the cited document suspends
 * it and puts it back in the queue.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifiedAnswersTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final String REFUNDS =
            "Refunds are paid back to the original card within 14 days of the return.";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.review.check-interval", () -> "1s");
    }

    @Autowired VerityApi api;
    String collection;
    String other;
    VerityApi agent;
    VerityApi outsider;

    @BeforeAll
    void collections() {
        collection = api.newCollection("verified");
        other = api.newCollection("verified-other");
        api.indexed(collection, Map.of("refunds.txt", REFUNDS));
        api.indexed(other, Map.of("shipping.txt", "Standard shipping takes three to five days."));
        api.put(
                "/api/collections/" + collection + "/routing",
                Map.of("verifiedAnswerThreshold", 0.85));
        agent = TestAccounts.create(api, "verified-agent", List.of("AGENT"), List.of()).api();
        outsider = TestAccounts.create(api, "verified-editor", List.of("EDITOR"), List.of()).api();
    }

    @AfterAll
    void stopEmulator() {
        ollama.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPublishedAnswerIsServedWithoutAModelCallUntilItsDocumentChanges() {
        Map<String, Object> asked = ask("How long do refunds take?");
        assertThat(asked).containsEntry("mode", "ANSWERED");
        rate(asked, false);
        Map<String, Object> item =
                queue("RATED_DOWN").stream()
                        .filter(i -> "How long do refunds take?".equals(i.get("question")))
                        .findFirst()
                        .orElseThrow();
        long chunk =
                ((Number) ((List<Map<String, Object>>) asked.get("passages")).get(0).get("chunkId"))
                        .longValue();

        var created =
                api.post(
                        "/api/collections/" + collection + "/verified-answers",
                        Map.of(
                                "question",
                                "How long do refunds take?",
                                "answer",
                                "Refunds reach the original card within 14 days [1].",
                                "citations",
                                List.of(Map.of("chunkId", chunk)),
                                "reviewItem",
                                item.get("id")));
        assertThat(created.status().value()).as("%s", created.body()).isEqualTo(201);
        String id = created.body().get("id").toString();
        assertThat(created.headers().getLocation().toString())
                .endsWith("/api/verified-answers/" + id);
        assertThat(created.body()).containsEntry("status", "ACTIVE").containsEntry("hits", 0);
        assertThat(queue("RATED_DOWN")).noneMatch(i -> item.get("id").equals(i.get("id")));

        ollama.clearCalls();
        Map<String, Object> served = ask("How long does a refund take?");
        assertThat(served).containsEntry("mode", "VERIFIED");
        assertThat(served.get("answer").toString()).contains("14 days [1]");
        assertThat((Map<String, Object>) served.get("verified"))
                .containsEntry("id", id)
                .containsEntry("author", "test-admin");
        assertThat(served.get("notice").toString()).contains("verified answer by test-admin");
        assertThat((List<Map<String, Object>>) served.get("citations"))
                .singleElement()
                .satisfies(c -> assertThat(c.get("quote").toString()).contains("14 days"));
        assertThat(ollama.chatCallCount()).isZero();
        assertThat(api.get("/api/verified-answers/" + id).body()).containsEntry("hits", 1);

        ollama.clearCalls();
        assertThat(ask("Can I pay with a gift card?").get("mode")).isNotEqualTo("VERIFIED");

        // the cited document is replaced: not served at once, suspended within the check interval
        api.indexed(collection, Map.of("refunds.txt", REFUNDS.replace("14", "30")));
        assertThat(ask("How long does a refund take?")).containsEntry("mode", "ANSWERED");
        Map<String, Object> suspended = awaitStatus(id, "SUSPENDED");
        assertThat(suspended.get("suspendedReason").toString())
                .contains("refunds.txt was replaced or deleted");
        assertThat(queue("SUSPENDED")).anyMatch(i -> id.equals(i.get("verifiedAnswerId")));

        // edited against the new passage, it is active again
        Map<String, Object> fresh = ask("How long do refunds take?");
        long newChunk =
                ((Number) ((List<Map<String, Object>>) fresh.get("passages")).get(0).get("chunkId"))
                        .longValue();
        var edited =
                api.put(
                        "/api/verified-answers/" + id,
                        Map.of(
                                "question", "How long do refunds take?",
                                "answer", "Refunds reach the original card within 30 days [1].",
                                "citations", List.of(Map.of("chunkId", newChunk))));
        assertThat(edited.body()).containsEntry("status", "ACTIVE");
        assertThat(ask("How long does a refund take?")).containsEntry("mode", "VERIFIED");
        assertThat(api.delete("/api/verified-answers/" + id).value()).isEqualTo(204);
        assertThat(api.get("/api/verified-answers/" + id).status().value()).isEqualTo(404);
    }

    @Test
    void notFoundQuestionsWaitInTheQueueUntilDismissed() {
        ask("What colour is the CEO's car?");
        Map<String, Object> item =
                queue("NOT_FOUND").stream()
                        .filter(i -> "What colour is the CEO's car?".equals(i.get("question")))
                        .findFirst()
                        .orElseThrow();
        var dismissed = api.post("/api/review-queue/" + item.get("id") + "/dismiss", Map.of());
        assertThat(dismissed.status().value()).isEqualTo(200);
        assertThat(queue("NOT_FOUND")).noneMatch(i -> item.get("id").equals(i.get("id")));
        assertThat(
                        api.post("/api/review-queue/" + item.get("id") + "/dismiss", Map.of())
                                .status()
                                .value())
                .isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVerifiedAnswerIsCheckedBeforeItIsPublished() {
        Map<String, Object> asked = ask("How long do refunds take?");
        long chunk =
                ((Number) ((List<Map<String, Object>>) asked.get("passages")).get(0).get("chunkId"))
                        .longValue();
        String path = "/api/collections/" + collection + "/verified-answers";
        assertThat(
                        api.post(
                                        path,
                                        Map.of(
                                                "question", "Q?",
                                                "answer", "A [2].",
                                                "citations", List.of(Map.of("chunkId", chunk))))
                                .body()
                                .get("detail")
                                .toString())
                .contains("[2]");
        assertThat(
                        api.post(
                                        path,
                                        Map.of(
                                                "question",
                                                "Q?",
                                                "answer",
                                                "A.",
                                                "citations",
                                                List.of()))
                                .status()
                                .value())
                .isEqualTo(400);
        Map<String, Object> elsewhere = api.search(other, "shipping", 1).get(0);
        assertThat(
                        api.post(
                                        path,
                                        Map.of(
                                                "question", "Q?",
                                                "answer", "A [1].",
                                                "citations",
                                                        List.of(
                                                                Map.of(
                                                                        "chunkId",
                                                                        elsewhere.get("chunkId")))))
                                .body()
                                .get("detail")
                                .toString())
                .contains("another collection");
        Map<String, Object> ranged =
                Map.of(
                        "question", "When are refunds paid?",
                        "answer", "Within 14 days [1].",
                        "citations",
                                List.of(
                                        Map.of(
                                                "documentId",
                                                asked.get("citations") instanceof List<?> c
                                                                && !c.isEmpty()
                                                        ? ((Map<String, Object>) c.get(0))
                                                                .get("documentId")
                                                        : "",
                                                "start",
                                                0,
                                                "end",
                                                20)));
        var range = api.post(path, ranged);
        assertThat(range.status().value()).as("%s", range.body()).isEqualTo(201);
        assertThat(range.body().get("citations").toString()).contains("Refunds are paid b");
        api.delete("/api/verified-answers/" + range.body().get("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditorOutsideACitedDocumentsGroupNeitherSeesNorExportsTheAnswer() {
        String restricted = api.newCollection("verified-groups");
        TestAccounts.Account editor =
                TestAccounts.create(api, "verified-editor-out", List.of("EDITOR"), List.of());
        api.put(
                "/api/collections/" + restricted + "/access",
                Map.of("readers", List.of(), "editors", List.of("user:" + editor.username())));
        var upload =
                api.upload(
                        restricted,
                        Map.of("accessGroups", "hr"),
                        VerityApi.Upload.of(
                                "salaries.txt", "Salaries are paid on the 25th.".getBytes()));
        Object document = ((List<Map<String, Object>>) upload.body()).get(0).get("id");
        api.awaitSettled(document);
        // search filters by groups for admins too: cite the document's text by range
        var created =
                api.post(
                        "/api/collections/" + restricted + "/verified-answers",
                        Map.of(
                                "question", "When are salaries paid?",
                                "answer", "On the 25th [1].",
                                "citations",
                                        List.of(
                                                Map.of(
                                                        "documentId", document,
                                                        "start", 0,
                                                        "end", 30))));
        assertThat(created.status().value()).as("%s", created.body()).isEqualTo(201);
        String id = created.body().get("id").toString();

        VerityApi outside = editor.api();
        assertThat(outside.getList("/api/collections/" + restricted + "/verified-answers").body())
                .isEmpty();
        assertThat(outside.get("/api/verified-answers/" + id).status().value()).isEqualTo(404);
        assertThat(outside.delete("/api/verified-answers/" + id).value()).isEqualTo(404);
        var export = outside.getBytes("/api/collections/" + restricted + "/training-data");
        assertThat(export.status().value()).isEqualTo(200);
        assertThat(export.headers().getFirst("X-Verity-Verified-Examples")).isEqualTo("0");
        assertThat(api.getList("/api/collections/" + restricted + "/verified-answers").body())
                .hasSize(1);
    }

    @Test
    void onlyTheCollectionsEditorsReviewAndPublish() {
        String path = "/api/collections/" + collection + "/verified-answers";
        assertThat(agent.get("/api/review-queue?collection=" + collection).status().value())
                .isEqualTo(403);
        assertThat(agent.post(path, Map.of()).status().value()).isEqualTo(403);
        // an editor who may read the collection but not edit it
        assertThat(outsider.get("/api/review-queue?collection=" + collection).status().value())
                .isEqualTo(403);
        assertThat(outsider.get(path).status().value()).isEqualTo(403);
        assertThat(outsider.get("/api/review-queue?collection=no-such-collection").status().value())
                .isEqualTo(404);
        assertThat(api.get("/api/review-queue").status().value()).isEqualTo(400);
    }

    private Map<String, Object> awaitStatus(String id, String status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> answer = api.get("/api/verified-answers/" + id).body();
        while (!status.equals(answer.get("status")) && System.nanoTime() < deadline) {
            VerityApi.sleep(200);
            answer = api.get("/api/verified-answers/" + id).body();
        }
        assertThat(answer).containsEntry("status", status);
        return answer;
    }

    private List<Map<String, Object>> queue(String reason) {
        var reply = api.getList("/api/review-queue?collection=" + collection + "&reason=" + reason);
        assertThat(reply.status().value()).isEqualTo(200);
        return reply.body();
    }

    private void rate(Map<String, Object> answer, boolean helpful) {
        var reply =
                agent.put(
                        "/api/conversations/"
                                + answer.get("conversationId")
                                + "/turns/"
                                + answer.get("turn")
                                + "/rating",
                        Map.of("helpful", helpful));
        assertThat(reply.status().value()).isEqualTo(204);
    }

    private Map<String, Object> ask(String question) {
        var reply = agent.post("/api/ask", Map.of("question", question, "collection", collection));
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }
}
