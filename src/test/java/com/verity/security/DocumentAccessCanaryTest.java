package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The two-user canary: a document restricted to {@code hr} holds a token found nowhere else. A user
 * outside {@code hr} must never meet it, through any surface (search, answers, the stream,
 * citations, conversations, document list, document, content, passages, reviews, content gaps,
 * pages, counts); a user in {@code hr} finds it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class DocumentAccessCanaryTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    static final String TOKEN = "ZEPHYRQUOKKA" + UUID.randomUUID().toString().substring(0, 6);

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi admin;

    String collection;
    String hrDocument;
    String publicDocument;
    Account outsider;
    Account insider;
    Account outsideEditor;
    Account insideEditor;

    @BeforeAll
    void restrictedDocument() {
        ollama.reset().pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        outsider = TestAccounts.create(admin, "outsider", List.of("AGENT"), List.of("support"));
        insider = TestAccounts.create(admin, "insider", List.of("AGENT"), List.of("hr"));
        outsideEditor =
                TestAccounts.create(admin, "editor-out", List.of("EDITOR"), List.of("support"));
        insideEditor = TestAccounts.create(admin, "editor-in", List.of("EDITOR"), List.of("hr"));
        collection = admin.newCollection("canary");
        assertThat(
                        admin.put(
                                        "/api/collections/" + collection + "/access",
                                        Map.of(
                                                "readers",
                                                List.of(),
                                                "editors",
                                                List.of(
                                                        "user:" + outsideEditor.username(),
                                                        "user:" + insideEditor.username())))
                                .status()
                                .value())
                .isEqualTo(200);
        publicDocument =
                upload(
                        null,
                        "canteen.txt",
                        "Canteen hours\n\nThe canteen serves lunch from noon to two. Coffee is free.");
        hrDocument =
                upload(
                        "hr",
                        "salary-bands.txt",
                        "Salary bands\n\nThe salary band code "
                                + TOKEN
                                + " covers senior engineers. Salary bands are reviewed every April.");
    }

    private String upload(String group, String filename, String text) {
        return upload(collection, group, filename, text);
    }

    private String upload(String collection, String group, String filename, String text) {
        VerityApi.Reply<Object> reply =
                insideEditor
                        .api()
                        .upload(
                                collection,
                                group == null ? Map.of() : Map.of("accessGroups", group),
                                Upload.of(filename, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(reply.status().value()).as("upload %s", reply.body()).isEqualTo(202);
        String id = (String) ((List<Map<String, Object>>) reply.body()).get(0).get("id");
        assertThat(admin.awaitSettled(id)).containsEntry("status", "INDEXED");
        return id;
    }

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    void searchFindsTheTokenOnlyForMembersOfTheGroup() {
        for (Account outside : List.of(outsider, outsideEditor)) {
            assertThat(outside.api().search(collection, TOKEN + " salary band", 10))
                    .as(outside.username())
                    .allSatisfy(r -> assertThat(r.toString()).doesNotContain(TOKEN))
                    .noneSatisfy(r -> assertThat(r.get("documentId")).isEqualTo(hrDocument));
        }
        // admins manage every document, but search as what they may read: not hr's
        assertThat(admin.search(collection, TOKEN + " salary band", 10).toString())
                .doesNotContain(TOKEN);
        assertThat(insider.api().search(collection, TOKEN + " salary band", 10))
                .first()
                .satisfies(r -> assertThat(r.get("documentId")).isEqualTo(hrDocument));
    }

    @Test
    void answersStreamsCitationsAndConversationsNeverCarryTheToken() {
        VerityApi.Reply<Map<String, Object>> answer =
                outsider.api()
                        .post(
                                "/api/ask",
                                Map.of(
                                        "question",
                                        "Which salary band code covers senior engineers?",
                                        "collection",
                                        collection));
        assertThat(answer.status().value()).isEqualTo(200);
        assertThat(answer.body().toString())
                .doesNotContain(TOKEN)
                .doesNotContain("salary-bands.txt");
        String conversation = (String) answer.body().get("conversationId");
        assertThat(outsider.api().get("/api/conversations/" + conversation).body().toString())
                .doesNotContain(TOKEN);
        assertThat(
                        outsider.api()
                                .events(
                                        "/api/ask/stream",
                                        Map.of(
                                                "question",
                                                "Which code covers senior engineers?",
                                                "collection",
                                                collection))
                                .toString())
                .doesNotContain(TOKEN)
                .contains("done");

        VerityApi.Reply<Map<String, Object>> inside =
                insider.api()
                        .post(
                                "/api/ask",
                                Map.of(
                                        "question",
                                        "Which salary band code covers senior engineers?",
                                        "collection",
                                        collection));
        assertThat(inside.body()).containsEntry("mode", "ANSWERED");
        assertThat((List<Map<String, Object>>) inside.body().get("citations"))
                .anySatisfy(c -> assertThat(c.get("documentId")).isEqualTo(hrDocument));
        assertThat(inside.body().toString()).contains(TOKEN);
    }

    @Test
    void documentsTheirContentPassagesAndCountsHideTheRestrictedOne() {
        for (Account outside : List.of(outsider, outsideEditor)) {
            VerityApi api = outside.api();
            Map<String, Object> page =
                    api.get("/api/collections/" + collection + "/documents").body();
            assertThat(page.toString()).doesNotContain("salary-bands.txt");
            assertThat((Map<String, Object>) page.get("page")).containsEntry("totalElements", 1);
            assertThat(api.get("/api/documents/" + hrDocument).status().value()).isEqualTo(404);
            assertThat(api.getBytes("/api/documents/" + hrDocument + "/content").status().value())
                    .isEqualTo(404);
            assertThat(api.get("/api/collections/" + collection).body())
                    .containsEntry("documentCount", 1)
                    .containsEntry("indexedCount", 1);
            assertThat(
                            api.getList("/api/collections").body().stream()
                                    .filter(c -> collection.equals(c.get("name")))
                                    .findFirst()
                                    .orElseThrow())
                    .containsEntry("documentCount", 1);
        }
        assertThat(insider.api().get("/api/collections/" + collection).body())
                .containsEntry("documentCount", 2);
        assertThat(insider.api().getBytes("/api/documents/" + hrDocument + "/content").body())
                .asString(StandardCharsets.UTF_8)
                .contains(TOKEN);
        // admins list and open every document to manage it
        assertThat(admin.get("/api/documents/" + hrDocument).body())
                .containsEntry("accessGroups", List.of("hr"));
        assertThat(admin.get("/api/collections/" + collection + "/documents").body().toString())
                .contains("salary-bands.txt");
    }

    @Test
    void reviewsAndContentGapsOfTheRestrictedAnswersAreHiddenFromEditorsOutsideTheGroup() {
        VerityApi.Reply<Map<String, Object>> inside =
                insider.api()
                        .post(
                                "/api/ask",
                                Map.of(
                                        "question",
                                        "What does band " + TOKEN + " cover?",
                                        "collection",
                                        collection));
        String conversation = (String) inside.body().get("conversationId");
        assertThat(
                        insider.api()
                                .put(
                                        "/api/conversations/" + conversation + "/turns/1/rating",
                                        Map.of("helpful", false, "comment", "wrong band"))
                                .status()
                                .value())
                .isEqualTo(204);
        // every question is NOT_FOUND under this threshold: a content gap whose passages include
        // hr's
        admin.patch("/api/collections/" + collection, Map.of("relevanceThreshold", 0.999));
        try {
            insider.api()
                    .post(
                            "/api/ask",
                            Map.of(
                                    "question",
                                    "Salary band " + TOKEN + " review month?",
                                    "collection",
                                    collection));
        } finally {
            admin.patch("/api/collections/" + collection, Map.of("clearRelevanceThreshold", true));
        }
        String base = "/api/collections/" + collection;
        VerityApi out = outsideEditor.api();
        assertThat(out.getList(base + "/rated-down").body().toString()).doesNotContain(TOKEN);
        assertThat(out.getList(base + "/content-gaps").body().toString()).doesNotContain(TOKEN);
        assertThat(out.get("/api/conversations/" + conversation).status().value()).isEqualTo(404);
        assertThat(insideEditor.api().getList(base + "/rated-down").body().toString())
                .contains(TOKEN);
        assertThat(insideEditor.api().getList(base + "/content-gaps").body().toString())
                .contains(TOKEN);
        // and the pages that show them
        assertThat(
                        outsider.api()
                                .getBytes("/ui/sources?document=" + hrDocument + "&start=0&end=10")
                                .status()
                                .value())
                .isEqualTo(404);
    }

    @Test
    void anUploadCanNeitherReplaceNorConfirmADocumentItsUploaderMayNotRead() {
        VerityApi.Reply<Object> sameName =
                outsideEditor
                        .api()
                        .upload(
                                collection,
                                Upload.of(
                                        "salary-bands.txt",
                                        "Overwritten!".getBytes(StandardCharsets.UTF_8)));
        assertThat(sameName.status().value()).isEqualTo(409);
        assertThat(sameName.body().toString())
                .contains("/problems/filename-taken")
                .doesNotContain(TOKEN);
        byte[] sameBytes = admin.getBytes("/api/documents/" + hrDocument + "/content").body();
        VerityApi.Reply<Object> copy =
                outsideEditor.api().upload(collection, Upload.of("copy.txt", sameBytes));
        assertThat(copy.status().value()).isEqualTo(202);
        Map<String, Object> entry = ((List<Map<String, Object>>) copy.body()).get(0);
        assertThat(entry).doesNotContainKey("duplicateOf");
        assertThat(entry.get("id")).isNotEqualTo(hrDocument);
        assertThat(admin.get("/api/documents/" + hrDocument).body())
                .containsEntry("accessGroups", List.of("hr"))
                .containsEntry("version", 1);
        admin.delete("/api/documents/" + entry.get("id"));
    }

    @Test
    void thePagesShowNeitherTheDocumentNorItsCount() {
        String agentPage = page(outsider.api(), "/?collection=" + collection);
        assertThat(agentPage)
                .contains(collection + " (1 documents)")
                .doesNotContain("salary-bands");
        assertThat(page(insider.api(), "/?collection=" + collection))
                .contains(collection + " (2 documents)");
        String documentsPage =
                page(outsideEditor.api(), "/admin/documents?collection=" + collection);
        assertThat(documentsPage).contains("canteen.txt").doesNotContain("salary-bands.txt");
        assertThat(outsideEditor.api().getBytes("/admin/documents/" + hrDocument).status().value())
                .isEqualTo(404);
        assertThat(page(insideEditor.api(), "/admin/documents/" + hrDocument)).contains(TOKEN);
    }

    private static String page(VerityApi api, String path) {
        VerityApi.Reply<byte[]> reply = api.getBytes(path);
        assertThat(reply.status().value()).as(path).isEqualTo(200);
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Test
    void changingTheGroupsMovesThePassagesAtOnce() {
        String elsewhere = admin.newCollection("canary-moving");
        admin.put(
                "/api/collections/" + elsewhere + "/access",
                Map.of(
                        "editors",
                        List.of(
                                "user:" + outsideEditor.username(),
                                "user:" + insideEditor.username())));
        String moving =
                upload(
                        elsewhere,
                        "hr",
                        "bonus.txt",
                        "Bonus rules\n\nThe bonus code MOVINGCANARY pays in March.");
        assertThat(outsider.api().search(elsewhere, "MOVINGCANARY bonus", 5).toString())
                .doesNotContain("MOVINGCANARY");
        VerityApi.Reply<Map<String, Object>> opened = patch(insideEditor.api(), moving, List.of());
        assertThat(opened.body()).containsEntry("accessGroups", List.of());
        assertThat(outsider.api().search(elsewhere, "MOVINGCANARY bonus", 5).toString())
                .contains("MOVINGCANARY");
        assertThat(patch(outsideEditor.api(), moving, List.of("hr")).status().value())
                .as("an editor outside hr may not hide a document from themselves")
                .isEqualTo(400);
        assertThat(patch(insideEditor.api(), moving, List.of("hr")).status().value())
                .isEqualTo(200);
        assertThat(outsider.api().search(elsewhere, "MOVINGCANARY bonus", 5).toString())
                .doesNotContain("MOVINGCANARY");
        assertThat(admin.get("/api/audit-events?type=ACCESS_CHANGED").body().toString())
                .contains("document:" + moving);
    }

    private static long ratedDown(Map<String, Object> insight) {
        return ((Number) insight.get("ratedDown")).longValue();
    }

    private static VerityApi.Reply<Map<String, Object>> patch(
            VerityApi api, String document, List<String> groups) {
        return api.patch("/api/documents/" + document, Map.of("accessGroups", groups));
    }
}
