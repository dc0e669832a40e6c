package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.VerityApi;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retention: conversations not continued for longer than the configured age, old content gaps and
 * old audit events are deleted by a run (the daily job's work), younger ones stay; an admin deletes
 * one user's conversations on request.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.retention.conversations", () -> "30d");
        registry.add("verity.retention.content-gaps", () -> "30d");
        registry.add("verity.retention.audit-events", () -> "400d");
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;
    String collection;
    VerityApi agent;

    @BeforeAll
    void knowledgeBase() {
        collection = api.newCollection("retention");
        api.indexed(collection, Map.of("refunds.txt", "Refunds are paid within 14 days."));
        agent = TestAccounts.create(api, "retention-agent", List.of("AGENT"), List.of()).api();
    }

    @AfterAll
    void stopEmulator() {
        ollama.close();
    }

    @Test
    void aRunDeletesWhatIsOlderThanTheConfiguredAgesAndKeepsTheRest() {
        UUID old = conversation(ask(agent, "How long do refunds take?"));
        UUID recent = conversation(ask(agent, "When are refunds paid?"));
        ask(agent, "What colour is the CEO's car?");
        jdbc.sql("update conversation set updated_at = now() - interval '31 days' where id = :id")
                .param("id", old)
                .update();
        jdbc.sql(
                        "update content_gap set created_at = now() - interval '31 days'"
                                + " where question = 'What colour is the CEO''s car?'")
                .update();
        jdbc.sql(
                        "insert into audit_event (type, actor, target, at) values"
                                + " ('SIGN_IN', 'retention-old', 'x', now() - interval '401 days')")
                .update();

        var run = api.post("/api/retention/run", Map.of());

        assertThat(run.status().value()).isEqualTo(200);
        assertThat(((Number) run.body().get("conversations")).longValue())
                .isGreaterThanOrEqualTo(1);
        assertThat(((Number) run.body().get("contentGaps")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(((Number) run.body().get("auditEvents")).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(agent.get("/api/conversations/" + old).status().value()).isEqualTo(404);
        assertThat(agent.get("/api/conversations/" + recent).status().value()).isEqualTo(200);
        assertThat(
                        count(
                                "select count(*) from content_gap where question = 'What colour is the CEO''s car?'"))
                .isZero();
        assertThat(count("select count(*) from audit_event where actor = 'retention-old'"))
                .isZero();
        assertThat(api.get("/api/audit-events?type=RETENTION_RUN").body().toString())
                .contains("RETENTION_RUN");
        assertThat(api.get("/api/retention").body()).containsEntry("conversations", "PT720H");
    }

    @Test
    void anAdminDeletesOneUsersConversationsOnRequest() {
        TestAccounts.Account leaver =
                TestAccounts.create(api, "retention-leaver", List.of("AGENT"), List.of());
        VerityApi leaving = leaver.api();
        UUID first = conversation(ask(leaving, "How long do refunds take?"));
        ask(leaving, "What colour is the CEO's car?");
        UUID kept = conversation(ask(agent, "How long do refunds take?"));

        var deleted = api.delete("/api/users/" + leaver.username() + "/conversations");
        assertThat(deleted.value()).isEqualTo(200);

        assertThat(leaving.get("/api/conversations/" + first).status().value()).isEqualTo(404);
        assertThat(agent.get("/api/conversations/" + kept).status().value()).isEqualTo(200);
        assertThat(
                        count(
                                "select count(*) from conversation v join app_user u on u.id = v.owner_id"
                                        + " where u.username = '"
                                        + leaver.username()
                                        + "'"))
                .isZero();
        assertThat(api.delete("/api/users/no-such-user/conversations").value()).isEqualTo(404);
        assertThat(agent.delete("/api/users/retention-leaver/conversations").value())
                .isEqualTo(403);
        assertThat(agent.post("/api/retention/run", Map.of()).status().value()).isEqualTo(403);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static UUID conversation(Map<String, Object> answer) {
        return UUID.fromString(answer.get("conversationId").toString());
    }

    private Map<String, Object> ask(VerityApi caller, String question) {
        var reply = caller.post("/api/ask", Map.of("question", question, "collection", collection));
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }
}
