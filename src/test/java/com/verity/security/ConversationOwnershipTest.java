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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A conversation is its starter's: for anyone else it does not exist (read, rate, continue). */
@IntegrationTest
@SuppressWarnings("unchecked")
class ConversationOwnershipTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @AfterAll
    static void stopOllama() {
        ollama.close();
    }

    @Autowired VerityApi admin;

    @Test
    void nobodyButTheStarterReadsRatesOrContinuesAConversation() {
        ollama.reset().pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        String collection = admin.newCollection("owned");
        for (Map<String, Object> entry :
                admin.accepted(
                        collection,
                        Upload.of(
                                "parking.txt",
                                "Parking\n\nStaff park in garage B. Visitors park in garage A."
                                        .getBytes(StandardCharsets.UTF_8)))) {
            admin.awaitSettled(entry.get("id"));
        }
        Account alice = TestAccounts.create(admin, "alice", List.of("AGENT"), List.of());
        Account bob = TestAccounts.create(admin, "bob", List.of("AGENT"), List.of());
        Map<String, Object> answer =
                alice.api()
                        .post(
                                "/api/ask",
                                Map.of(
                                        "question",
                                        "Where do staff park?",
                                        "collection",
                                        collection))
                        .body();
        String conversation = (String) answer.get("conversationId");

        assertThat(alice.api().get("/api/conversations/" + conversation).status().value())
                .isEqualTo(200);
        assertThat(bob.api().get("/api/conversations/" + conversation).status().value())
                .isEqualTo(404);
        assertThat(admin.get("/api/conversations/" + conversation).status().value())
                .as("not even an admin reads an agent's conversation as theirs")
                .isEqualTo(404);
        assertThat(
                        bob.api()
                                .put(
                                        "/api/conversations/" + conversation + "/turns/1/rating",
                                        Map.of("helpful", false))
                                .status()
                                .value())
                .isEqualTo(404);
        VerityApi.Reply<Map<String, Object>> hijack =
                bob.api()
                        .post(
                                "/api/ask",
                                Map.of(
                                        "question", "and visitors?",
                                        "collection", collection,
                                        "conversationId", conversation));
        assertThat(hijack.status().value()).isEqualTo(404);
        assertThat(hijack.body().toString()).doesNotContain("Where do staff park");
        assertThat(bob.api().getList("/api/collections/" + collection + "/conversations").body())
                .isEmpty();
        assertThat(alice.api().getList("/api/collections/" + collection + "/conversations").body())
                .singleElement()
                .satisfies(c -> assertThat(c).containsEntry("id", conversation));
        assertThat(
                        alice.api()
                                .put(
                                        "/api/conversations/" + conversation + "/turns/1/rating",
                                        Map.of("helpful", true))
                                .status()
                                .value())
                .isEqualTo(204);
        // once the collection is closed to her, her conversation in it is gone for her too
        admin.put(
                "/api/collections/" + collection + "/access",
                Map.of("readers", List.of("group:finance")));
        assertThat(alice.api().get("/api/conversations/" + conversation).status().value())
                .isEqualTo(404);
        assertThat(
                        alice.api()
                                .post(
                                        "/api/ask",
                                        Map.of(
                                                "question", "and visitors?",
                                                "collection", collection,
                                                "conversationId", conversation))
                                .status()
                                .value())
                .isEqualTo(404);
    }
}
