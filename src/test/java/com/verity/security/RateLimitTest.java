package com.verity.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.VerityApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Searches and questions per user and per API key, answered 429 with Retry-After beyond them; a
 * key's calls count against its owner's budget too, so more keys give no more.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "verity.security.rate-limits.search-per-minute=3",
            "verity.security.rate-limits.ask-per-minute=2"
        })
class RateLimitTest {

    @Autowired VerityApi admin;

    @Test
    void aUserAndTheirKeysShareABudgetAndOthersHaveTheirs() {
        String collection = admin.newCollection("limits");
        Account agent = TestAccounts.create(admin, "limited", List.of("AGENT"), List.of());
        Map<String, Object> search = Map.of("query", "parking", "collection", collection);
        String key = TestAccounts.key(agent, List.of("read", "ask"));
        String another = TestAccounts.key(agent, List.of("read"));
        assertThat(agent.api().post("/api/search", search).status().value()).isEqualTo(200);
        assertThat(agent.withKey(key).post("/api/search", search).status().value()).isEqualTo(200);
        assertThat(agent.withKey(another).post("/api/search", search).status().value())
                .isEqualTo(200);
        for (VerityApi api : List.of(agent.api(), agent.withKey(key), agent.withKey(another))) {
            VerityApi.Reply<Map<String, Object>> over = api.post("/api/search", search);
            assertThat(over.status().value()).as("more keys give no more").isEqualTo(429);
            assertThat(Long.parseLong(over.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
            assertThat(over.body()).containsEntry("type", "/problems/rate-limited");
        }
        assertThat(
                        TestAccounts.create(admin, "other", List.of("AGENT"), List.of())
                                .api()
                                .post("/api/search", search)
                                .status()
                                .value())
                .isEqualTo(200);

        Map<String, Object> question =
                Map.of("question", "Where to park?", "collection", collection);
        assertThat(agent.api().post("/api/ask", question).status().value()).isEqualTo(200);
        assertThat(agent.withKey(key).post("/api/ask", question).status().value()).isEqualTo(200);
        assertThat(agent.api().post("/api/ask", question).status().value()).isEqualTo(429);
    }
}
