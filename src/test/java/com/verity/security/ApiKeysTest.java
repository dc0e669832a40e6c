package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.VerityApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys: shown once and stored hashed, acting as their owner limited to their scopes and to what
 * the owner may do now, refused once expired or revoked, and with the owner disabled.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class ApiKeysTest {

    @Autowired VerityApi admin;
    @Autowired JdbcClient jdbc;

    Account editor;
    String collection;

    @BeforeAll
    void editorWithCollection() {
        editor = TestAccounts.create(admin, "key-owner", List.of("EDITOR"), List.of());
        collection = editor.api().newCollection("keys");
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndActsAsItsOwner() {
        VerityApi.Reply<Map<String, Object>> created =
                editor.api()
                        .post(
                                "/api/api-keys",
                                Map.of("name", "nightly sync", "scopes", List.of("read", "write")));
        assertThat(created.status().value()).isEqualTo(201);
        assertThat(created.body())
                .containsKeys("id", "name", "key", "scopes", "expiresAt", "createdAt")
                .containsEntry("name", "nightly sync")
                .containsEntry("scopes", List.of("read", "write"));
        String key = (String) created.body().get("key");
        assertThat(key).startsWith("vk_").hasSizeGreaterThan(40);
        assertThat(
                        jdbc.sql(
                                        "select count(*) from api_key where key_hash = :key or prefix = :key")
                                .param("key", key)
                                .query(Long.class)
                                .single())
                .as("the key itself is stored nowhere")
                .isZero();
        List<Map<String, Object>> listed = editor.api().getList("/api/api-keys").body();
        assertThat(listed)
                .singleElement()
                .satisfies(
                        k -> {
                            assertThat(k)
                                    .doesNotContainKey("key")
                                    .containsEntry("prefix", key.substring(0, 10));
                            assertThat(k).containsEntry("owner", editor.username());
                        });
        VerityApi withKey = editor.withKey(key);
        assertThat(withKey.get("/api/me").body()).containsEntry("username", editor.username());
        assertThat(
                        withKey.upload(
                                        collection,
                                        VerityApi.Upload.of("k.txt", "Key upload.".getBytes()))
                                .status()
                                .value())
                .isEqualTo(202);
        assertThat(
                        withKey.post("/api/ask", Map.of("question", "q", "collection", collection))
                                .status()
                                .value())
                .as("no ask scope")
                .isEqualTo(403);
        assertThat(
                        withKey.post("/api/ask", Map.of("question", "q", "collection", collection))
                                .body()
                                .toString())
                .contains("'ask' scope");
        // admins see every key
        assertThat(admin.getList("/api/api-keys").body())
                .anySatisfy(k -> assertThat(k).containsEntry("owner", editor.username()));
    }

    @Test
    void aKeyNeverOutgrowsItsOwner() {
        Account agent = TestAccounts.create(admin, "key-agent", List.of("AGENT"), List.of());
        VerityApi.Reply<Map<String, Object>> refused =
                agent.api().post("/api/api-keys", Map.of("name", "x", "scopes", List.of("write")));
        assertThat(refused.status().value()).isEqualTo(403);
        assertThat(refused.body().get("detail").toString()).contains("EDITOR");
        assertThat(
                        agent.api()
                                .post(
                                        "/api/api-keys",
                                        Map.of("name", "x", "scopes", List.of("fly")))
                                .status()
                                .value())
                .isEqualTo(400);
        // the owner loses a role: the key loses what the role gave, at once
        Account demoted = TestAccounts.create(admin, "key-demoted", List.of("EDITOR"), List.of());
        String mine = demoted.api().newCollection("demoted");
        String key = TestAccounts.key(demoted, List.of("read", "write"));
        assertThat(
                        demoted.withKey(key)
                                .upload(mine, VerityApi.Upload.of("a.txt", "A.".getBytes()))
                                .status()
                                .value())
                .isEqualTo(202);
        patch(admin, "/api/users/" + demoted.username(), Map.of("roles", List.of("AGENT")));
        assertThat(
                        demoted.withKey(key)
                                .upload(mine, VerityApi.Upload.of("b.txt", "B.".getBytes()))
                                .status()
                                .value())
                .isEqualTo(403);
        // and keys may not mint keys without the admin scope
        assertThat(
                        demoted.withKey(key)
                                .post("/api/api-keys", Map.of("name", "child"))
                                .status()
                                .value())
                .isEqualTo(403);
    }

    @Test
    void expiredAndRevokedKeysAreRefusedAtOnce() throws InterruptedException {
        assertThat(
                        editor.api()
                                .post(
                                        "/api/api-keys",
                                        Map.of("name", "old", "expiresAt", "2020-01-01T00:00:00Z"))
                                .status()
                                .value())
                .isEqualTo(400);
        Map<String, Object> shortLived =
                editor.api()
                        .post(
                                "/api/api-keys",
                                Map.of(
                                        "name",
                                        "short",
                                        "expiresAt",
                                        Instant.now().plusSeconds(2).toString()))
                        .body();
        VerityApi expiring = editor.withKey((String) shortLived.get("key"));
        assertThat(expiring.get("/api/me").status().value()).isEqualTo(200);
        Thread.sleep(2500);
        assertThat(expiring.get("/api/me").status().value()).isEqualTo(401);

        String key = TestAccounts.key(editor, List.of("read"));
        assertThat(editor.withKey(key).get("/api/me").status().value()).isEqualTo(200);
        String id =
                editor.api().getList("/api/api-keys").body().stream()
                        .filter(k -> key.startsWith((String) k.get("prefix")))
                        .map(k -> (String) k.get("id"))
                        .findFirst()
                        .orElseThrow();
        Account other = TestAccounts.create(admin, "key-other", List.of("AGENT"), List.of());
        assertThat(other.api().delete("/api/api-keys/" + id).value())
                .as("somebody else's key does not exist for them")
                .isEqualTo(404);
        assertThat(editor.api().delete("/api/api-keys/" + id).value()).isEqualTo(204);
        VerityApi.Reply<Map<String, Object>> revoked = editor.withKey(key).get("/api/me");
        assertThat(revoked.status().value()).isEqualTo(401);
        assertThat(revoked.headers().getFirst("WWW-Authenticate")).contains("Bearer");
        assertThat(
                        admin.get(
                                        "/api/audit-events?type=API_KEY_REVOKED&actor="
                                                + editor.username())
                                .body()
                                .toString())
                .contains(id);
    }

    @Test
    void disablingTheOwnerRevokesTheirKeysAndRefusesTheirPassword() {
        Account leaving = TestAccounts.create(admin, "key-leaving", List.of("AGENT"), List.of());
        String key = TestAccounts.key(leaving, List.of("read"));
        assertThat(leaving.withKey(key).get("/api/me").status().value()).isEqualTo(200);
        assertThat(patch(admin, "/api/users/" + leaving.username(), Map.of("enabled", false)))
                .containsEntry("enabled", false);
        assertThat(leaving.withKey(key).get("/api/me").status().value()).isEqualTo(401);
        assertThat(leaving.api().get("/api/me").status().value()).isEqualTo(401);
        patch(admin, "/api/users/" + leaving.username(), Map.of("enabled", true));
        assertThat(leaving.api().get("/api/me").status().value()).isEqualTo(200);
        assertThat(leaving.withKey(key).get("/api/me").status().value())
                .as("revoked for good, not only while disabled")
                .isEqualTo(401);
    }

    static Map<String, Object> patch(VerityApi api, String path, Object body) {
        return api.patch(path, body).body();
    }
}
