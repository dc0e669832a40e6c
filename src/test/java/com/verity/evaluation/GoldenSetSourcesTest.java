package com.verity.evaluation;

import static com.verity.evaluation.EvaluationFixtures.GOOD;
import static com.verity.evaluation.EvaluationFixtures.POOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.ChatCall;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Reply;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Golden sets that are not uploaded: built from the answers agents rated helpful, or drafted by a
 * model from the collection's passages; and any golden set's questions edited one by one.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class GoldenSetSourcesTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;

    String collection;

    @BeforeEach
    void knowledgeBase() {
        ollama.reset().pulled(GOOD, POOR).respondWith(drafts(EvaluationFixtures.twoModels(0)));
        if (collection == null) {
            collection = EvaluationFixtures.knowledgeBase(api);
        }
    }

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    void answersRatedHelpfulBecomeQuestionsWithTheirCitedDocumentsAndAReference() {
        rate(ask("How long does standard shipping take?"), true);
        rate(ask("How long is the appliance warranty?"), false);
        rate(ask("How long does standard shipping take?"), true);

        Reply<Map<String, Object>> built =
                api.post(
                        "/api/collections/" + collection + "/golden-sets/from-feedback",
                        Map.of("name", "from-agents"));

        assertThat(built.status().value()).as("%s", built.body()).isEqualTo(201);
        assertThat(built.body()).containsEntry("items", 1);
        Map<String, Object> item = items(built.body().get("id")).get(0);
        assertThat(item)
                .containsEntry("question", "How long does standard shipping take?")
                .containsEntry("expectedDocuments", List.of("shipping.txt"))
                .containsEntry("answerable", true);
        assertThat((String) item.get("referenceAnswer"))
                .contains("three to five working days")
                .doesNotContain("[1]");
    }

    @Test
    void aModelDraftsQuestionsFromPassagesAndEvidenceCountsOnlyWhenItStandsThere() {
        Reply<Map<String, Object>> built =
                api.post(
                        "/api/collections/" + collection + "/golden-sets/generate",
                        Map.of("name", "drafts", "model", GOOD, "count", 10, "seed", 7));

        assertThat(built.status().value()).as("%s", built.body()).isEqualTo(201);
        List<Map<String, Object>> items = items(built.body().get("id"));
        assertThat(items).hasSize(EvaluationFixtures.DOCUMENTS.size());
        assertThat(items)
                .allSatisfy(i -> assertThat((List<String>) i.get("expectedDocuments")).hasSize(1));
        assertThat(items)
                .filteredOn(i -> i.get("expectedPassage") != null)
                .singleElement()
                .satisfies(
                        i ->
                                assertThat(i.get("expectedDocuments"))
                                        .isEqualTo(List.of("shipping.txt")));
        assertThat(
                        api.post(
                                        "/api/collections/" + collection + "/golden-sets/generate",
                                        Map.of("name", "again", "model", "gpt-4o"))
                                .status()
                                .value())
                .isEqualTo(400);
    }

    @Test
    void anEditorEditsAddsAndDeletesQuestionsOneByOne() {
        String id = EvaluationFixtures.goldenSet(api, collection, "editable");
        String base = "/api/golden-sets/" + id + "/items";

        Reply<Map<String, Object>> replaced =
                json(
                        "PUT",
                        base + "/2",
                        "{\"question\": \"How many days to return?\", \"expectedDocuments\": [\"refunds.txt\"], \"answerable\": true}");
        Reply<Map<String, Object>> added =
                json(
                        "POST",
                        base,
                        "{\"question\": \"Who signs expenses?\", \"answerable\": false}");
        Reply<Map<String, Object>> bad = json("PUT", base + "/1", "{\"qestion\": \"typo\"}");

        assertThat(replaced.status().value()).as("%s", replaced.body()).isEqualTo(200);
        assertThat(added.status().value()).isEqualTo(201);
        assertThat(added.body()).containsEntry("position", EvaluationFixtures.QUESTIONS + 1);
        assertThat(bad.status().value()).isEqualTo(400);
        assertThat((String) bad.body().get("detail")).contains("qestion");
        assertThat(api.delete(base + "/1").value()).isEqualTo(204);
        assertThat(api.delete(base + "/99").value()).isEqualTo(404);
        List<Map<String, Object>> items = items(id);
        assertThat(items).hasSize(EvaluationFixtures.QUESTIONS);
        assertThat(items.get(0)).containsEntry("question", "How many days to return?");
        assertThat(items.get(items.size() - 1))
                .containsEntry("question", "Who signs expenses?")
                .containsEntry("answerable", false);
    }

    /** The draft prompt answered with a shipping question whose evidence only one passage holds. */
    private static Function<ChatCall, String> drafts(Function<ChatCall, String> otherwise) {
        return call ->
                call.lastUserMessage().contains("EVIDENCE:")
                        ? "QUESTION: How long does standard shipping take?\n"
                                + "ANSWER: Three to five working days.\n"
                                + "EVIDENCE: Standard shipping takes three to five working days."
                        : otherwise.apply(call);
    }

    private Map<String, Object> ask(String question) {
        return api.post("/api/ask", Map.of("question", question, "collection", collection)).body();
    }

    private void rate(Map<String, Object> answer, boolean helpful) {
        api.put(
                "/api/conversations/" + answer.get("conversationId") + "/turns/1/rating",
                Map.of("helpful", helpful));
    }

    private List<Map<String, Object>> items(Object id) {
        return (List<Map<String, Object>>)
                api.get("/api/golden-sets/" + id + "/items").body().get("items");
    }

    private Reply<Map<String, Object>> json(String method, String path, String body) {
        var response =
                api.client()
                        .method(org.springframework.http.HttpMethod.valueOf(method))
                        .uri(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .retrieve()
                        .toEntity(Map.class);
        return new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders());
    }
}
