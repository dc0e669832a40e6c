package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * What each role may do: agents search and ask but manage nothing; editors manage the collections
 * they may edit and nothing else; admins everything. A collection the caller may not read does not
 * exist for them (404), one they may read but not edit is 403.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

    @Autowired VerityApi admin;

    Account agent;
    Account editor;
    String adminsCollection;
    String editorsCollection;
    String financeCollection;

    @BeforeAll
    void accounts() {
        agent = TestAccounts.create(admin, "agent", List.of("AGENT"), List.of("support"));
        editor = TestAccounts.create(admin, "editor", List.of("EDITOR"), List.of("support"));
        adminsCollection = admin.newCollection("roles-admin");
        editorsCollection = editor.api().newCollection("roles-editor");
        financeCollection = admin.newCollection("roles-finance");
        assertThat(
                        put(
                                admin,
                                "/api/collections/" + financeCollection + "/access",
                                Map.of("readers", List.of("group:finance"), "editors", List.of())))
                .isEqualTo(200);
    }

    @Test
    void agentsMayNotManageAnything() {
        VerityApi api = agent.api();
        String base = "/api/collections/" + adminsCollection;
        assertForbidden(api.post("/api/collections", Map.of("name", "agent-made")), "EDITOR");
        assertForbidden(api.upload(adminsCollection, text("a.txt")), "EDITOR");
        assertForbidden(api.get(base + "/insight"), "EDITOR");
        assertForbidden(api.get(base + "/rated-down"), "EDITOR");
        assertForbidden(api.get(base + "/content-gaps"), "EDITOR");
        assertForbidden(api.get("/api/folder-sources"), "EDITOR");
        assertForbidden(api.post("/api/reindex-jobs", Map.of()), "ADMIN");
        assertForbidden(api.get("/api/users"), "ADMIN");
        assertForbidden(api.get("/api/audit-events"), "ADMIN");
        assertForbidden(api.get("/actuator/metrics"), "ADMIN");
        assertThat(
                        api.post(
                                        "/api/search",
                                        Map.of("query", "notes", "collection", adminsCollection))
                                .status()
                                .value())
                .isEqualTo(200);
        assertThat(api.get("/api/me").body())
                .containsEntry("username", agent.username())
                .containsEntry("roles", List.of("AGENT"))
                .containsEntry("groups", List.of("support"));
    }

    @Test
    void editorsManageTheCollectionsTheyMayEditAndNothingElse() {
        VerityApi api = editor.api();
        assertThat(api.upload(editorsCollection, text("own.txt")).status().value()).isEqualTo(202);
        assertThat(api.get("/api/collections/" + editorsCollection + "/insight").status().value())
                .isEqualTo(200);
        // readable (no readers set) but made by someone else, so not editable
        var foreign = api.upload(adminsCollection, text("foreign.txt"));
        assertThat(foreign.status().value()).isEqualTo(403);
        assertThat(foreign.body().toString()).contains("/problems/collection-not-editable");
        assertThat(api.get("/api/collections/" + adminsCollection + "/insight").status().value())
                .isEqualTo(403);
        assertThat(
                        put(
                                api,
                                "/api/collections/" + editorsCollection + "/access",
                                Map.of("readers", List.of(), "editors", List.of())))
                .isEqualTo(403);
        assertForbidden(api.post("/api/reindex-jobs", Map.of()), "ADMIN");
        assertForbidden(api.get("/api/users"), "ADMIN");
        assertForbidden(api.get("/api/audit-events"), "ADMIN");
        // once an admin names them an editor, they may
        assertThat(
                        put(
                                admin,
                                "/api/collections/" + adminsCollection + "/access",
                                Map.of("readers", List.of(), "editors", List.of("group:support"))))
                .isEqualTo(200);
        assertThat(api.upload(adminsCollection, text("now-allowed.txt")).status().value())
                .isEqualTo(202);
        // an agent of the same group is named too, but has no EDITOR role
        assertThat(agent.api().upload(adminsCollection, text("agent.txt")).status().value())
                .isEqualTo(403);
    }

    @Test
    void aCollectionTheCallerMayNotReadDoesNotExistForThem() {
        for (VerityApi api : List.of(agent.api(), editor.api())) {
            assertThat(api.get("/api/collections/" + financeCollection).status().value())
                    .isEqualTo(404);
            assertThat(
                            api.post(
                                            "/api/search",
                                            Map.of(
                                                    "query",
                                                    "budget",
                                                    "collection",
                                                    financeCollection))
                                    .status()
                                    .value())
                    .isEqualTo(404);
            assertThat(
                            api.get("/api/collections/" + financeCollection + "/documents")
                                    .status()
                                    .value())
                    .isEqualTo(404);
            assertThat(api.getList("/api/collections").body())
                    .noneSatisfy(c -> assertThat(c.get("name")).isEqualTo(financeCollection));
        }
        assertThat(editor.api().upload(financeCollection, text("x.txt")).status().value())
                .as("an upload to it, by an editor")
                .isEqualTo(404);
        assertThat(admin.get("/api/collections/" + financeCollection).status().value())
                .isEqualTo(200);
        assertThat(admin.get("/api/collections/" + financeCollection + "/access").body())
                .containsEntry("readers", List.of("group:finance"))
                .containsEntry("editors", List.of());
    }

    @Test
    void evaluationsAndGoldenSetsAreForEditorsOfTheCollectionAndTheArenaForItsReaders() {
        VerityApi api = agent.api();
        String id = "00000000-0000-0000-0000-000000000001";
        Map<String, Object> start =
                Map.of(
                        "collection",
                        editorsCollection,
                        "goldenSet",
                        id,
                        "models",
                        List.of("mistral"));
        assertForbidden(api.post("/api/evaluations", start), "EDITOR");
        assertForbidden(api.get("/api/evaluations?collection=" + editorsCollection), "EDITOR");
        assertForbidden(api.get("/api/evaluations/" + id), "EDITOR");
        assertForbidden(api.post("/api/evaluations/" + id + "/cancel", Map.of()), "EDITOR");
        assertForbidden(api.get("/api/evaluations/" + id + "/items"), "EDITOR");
        assertThat(api.getBytes("/api/evaluations/" + id + "/report.csv").status().value())
                .isEqualTo(403);
        String sets = "/api/collections/" + editorsCollection + "/golden-sets";
        assertForbidden(api.post(sets + "/from-feedback", Map.of("name", "x")), "EDITOR");
        assertForbidden(
                api.post(sets + "/generate", Map.of("name", "x", "model", "mistral")), "EDITOR");
        assertForbidden(
                api.put("/api/golden-sets/" + id + "/items/1", Map.of("question", "q")), "EDITOR");
        assertForbidden(
                api.post("/api/golden-sets/" + id + "/items", Map.of("question", "q")), "EDITOR");
        assertThat(api.delete("/api/golden-sets/" + id + "/items/1").value()).isEqualTo(403);

        VerityApi editing = editor.api();
        String hidden = "/api/collections/" + financeCollection;
        assertThat(editing.get("/api/evaluations?collection=" + financeCollection).status().value())
                .isEqualTo(404);
        assertThat(
                        editing.post(
                                        "/api/evaluations",
                                        Map.of(
                                                "collection", financeCollection,
                                                "goldenSet", id,
                                                "models", List.of("mistral")))
                                .status()
                                .value())
                .isEqualTo(404);
        assertThat(
                        editing.post(hidden + "/golden-sets/from-feedback", Map.of("name", "x"))
                                .status()
                                .value())
                .isEqualTo(404);
        assertThat(editing.get("/api/evaluations/" + id).status().value()).isEqualTo(404);
        String othersCollection = admin.newCollection("roles-others");
        assertThat(editing.get("/api/evaluations?collection=" + othersCollection).status().value())
                .as("readable but not editable")
                .isEqualTo(403);
        for (VerityApi reader : List.of(api, editing)) {
            assertThat(reader.get(hidden + "/arena").status().value()).isEqualTo(404);
            assertThat(
                            reader.post(
                                            "/api/ask/compare",
                                            Map.of(
                                                    "question",
                                                    "budget?",
                                                    "collection",
                                                    financeCollection))
                                    .status()
                                    .value())
                    .isEqualTo(404);
        }
        assertThat(api.getList("/api/collections/" + editorsCollection + "/arena").status().value())
                .isEqualTo(200);
        assertThat(
                        api.put("/api/comparisons/" + id + "/vote", Map.of("winner", "A"))
                                .status()
                                .value())
                .isEqualTo(404);
    }

    @Test
    void badAccessEntriesAreRefusedWithWhatToWrite() {
        var reply =
                admin.put(
                        "/api/collections/" + editorsCollection + "/access",
                        Map.of("readers", List.of("support")));
        assertThat(reply.status().value()).isEqualTo(400);
        assertThat(reply.body().get("detail").toString()).contains("group:<name>");
    }

    private static void assertForbidden(VerityApi.Reply<?> reply, String role) {
        assertThat(reply.status().value()).as("reply %s", reply.body()).isEqualTo(403);
        assertThat(
                        reply.headers()
                                .getContentType()
                                .isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(String.valueOf(reply.body())).contains("/problems/forbidden").contains(role);
    }

    private static int put(VerityApi api, String path, Object body) {
        return api.put(path, body).status().value();
    }

    private static Upload text(String name) {
        return Upload.of(name, ("Notes in " + name + ".").getBytes(StandardCharsets.UTF_8));
    }
}
