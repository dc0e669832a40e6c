package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With one model slot and a line of one, a third question is refused at once, and nothing leaks.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerSlotsTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    /** One client for the refused streams, so its threads are not counted as the service's. */
    static final java.net.http.HttpClient STREAM_CLIENT = java.net.http.HttpClient.newHttpClient();

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.assistant.ollama.first-token-timeout", () -> "1s");
        registry.add("verity.assistant.ollama.total-timeout", () -> "5s");
        registry.add("verity.assistant.max-concurrent-generations", () -> "1");
        registry.add("verity.assistant.max-waiting", () -> "1");
        registry.add("verity.assistant.max-wait", () -> "10s");
    }

    @Autowired VerityApi api;

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    void beyondTheSlotAndTheLineAQuestionGets429WithRetryAfterAndNoThreadIsLeft() throws Exception {
        String collection = api.newCollection("slots");
        for (Map<String, Object> entry :
                api.accepted(
                        collection,
                        Upload.of(
                                "refunds.txt",
                                "Refunds are paid within 14 days of receiving the returned item."
                                        .getBytes(StandardCharsets.UTF_8)))) {
            api.awaitSettled(entry.get("id"));
        }
        Map<String, Object> question =
                Map.of("question", "How fast are refunds paid?", "collection", collection);

        refusedBeyondTheLine(question);
        int threadsAfterFirstRound = serviceThreads();
        refusedBeyondTheLine(question);

        // pools keep their threads for reuse; a leak would add threads with every round
        assertThat(serviceThreads())
                .as(threadNames())
                .isLessThanOrEqualTo(threadsAfterFirstRound + 1);
    }

    private void refusedBeyondTheLine(Map<String, Object> question) throws Exception {
        ollama.clearCalls();
        ollama.hang();
        List<CompletableFuture<VerityApi.Reply<Map<String, Object>>>> held = new ArrayList<>();
        held.add(CompletableFuture.supplyAsync(() -> api.post("/api/ask", question)));
        awaitChatCalls(1);
        held.add(CompletableFuture.supplyAsync(() -> api.post("/api/ask", question)));
        Thread.sleep(300); // the second one is now waiting in line

        VerityApi.Reply<Map<String, Object>> refused = api.post("/api/ask", question);

        assertThat(refused.status().value()).isEqualTo(429);
        assertThat(refused.body()).containsEntry("type", "/problems/assistant-busy");
        assertThat(refused.headers().getFirst("Retry-After")).isNotBlank();
        // a stream is refused the same way, before it answers 200 and streams
        java.net.http.HttpResponse<String> stream =
                STREAM_CLIENT.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(
                                                "http://localhost:"
                                                        + api.port()
                                                        + "/api/ask/stream"))
                                .header("Authorization", com.verity.support.TestUsers.admin())
                                .header("Content-Type", "application/json")
                                .header("Accept", "text/event-stream")
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "{\"question\": \"How fast are refunds"
                                                        + " paid?\", \"collection\": \""
                                                        + question.get("collection")
                                                        + "\"}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(stream.statusCode()).as(stream.body()).isEqualTo(429);
        assertThat(stream.headers().firstValue("Retry-After")).isPresent();
        for (var reply : held) {
            // the hung model gives no first token within 1 s: both fall back to passages
            assertThat(reply.get().body()).containsEntry("mode", "PASSAGES_ONLY");
        }
        ollama.reset();
        Thread.sleep(500);
    }

    /** Threads that calls to Ollama run on: the HTTP clients' and the answer streams'. */
    private static int serviceThreads() {
        return (int)
                Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName)
                        .filter(AnswerSlotsTest::ofTheService)
                        .count();
    }

    private static String threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(AnswerSlotsTest::ofTheService)
                .sorted()
                .toList()
                .toString();
    }

    private static boolean ofTheService(String name) {
        return name.startsWith("HttpClient") || name.startsWith("answer-");
    }

    private static void awaitChatCalls(int count) throws InterruptedException {
        for (int i = 0; i < 100 && ollama.chatCallCount() < count; i++) {
            Thread.sleep(50);
        }
        assertThat(ollama.chatCallCount()).isGreaterThanOrEqualTo(count);
    }
}
