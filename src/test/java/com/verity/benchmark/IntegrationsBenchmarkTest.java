package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the OpenAI-compatible API costs over Verity's own (issue 14), with the emulated model
 * answering at once: the same questions asked of {@code /api/ask} and {@code /v1/chat/completions},
 * and of {@code /api/ask/stream} and the streamed {@code /v1} (to the last event), in turn with one
 * HTTP client; which goes first alternates, since the second finds the question's embedding kept.
 * Settings: {@code bench.v1Docs} (40), {@code bench.v1Questions} (150).
 */
@IntegrationTest
@Tag("benchmark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationsBenchmarkTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    void measuresTheOpenAiApisOverhead() throws Exception {
        int docs = Integer.getInteger("bench.v1Docs", 40);
        int count = Integer.getInteger("bench.v1Questions", 150);
        ollama.pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        PolicyCorpus corpus = PolicyCorpus.load(20261203L);
        String collection = api.newCollection("bench-v1");
        corpus.upload(api, collection, docs);
        List<String> questions = corpus.questions(count + 20, 14);
        for (String q : questions.subList(0, 20)) {
            send(false, false, collection, q);
            send(true, false, collection, q);
        }

        long[][] own = new long[2][count];
        long[][] openAi = new long[2][count];
        for (int i = 0; i < count; i++) {
            String q = questions.get(20 + i);
            for (int streamed = 0; streamed < 2; streamed++) {
                // a case of its own per request, so neither finds the other's embedding kept
                String first = streamed == 0 ? q : q.toLowerCase(Locale.ROOT);
                String second = streamed == 0 ? q.toUpperCase(Locale.ROOT) : q + " ";
                boolean ownFirst = i % 2 == 0;
                long a = send(!ownFirst, streamed == 1, collection, first);
                long b = send(ownFirst, streamed == 1, collection, second);
                own[streamed][i] = ownFirst ? a : b;
                openAi[streamed][i] = ownFirst ? b : a;
            }
        }

        BenchmarkReport report =
                new BenchmarkReport(
                        "Verity integrations benchmark (issue 14)",
                        "integrations-benchmark-report.txt");
        report.heading("Machine");
        Machine.describe(jdbc).forEach(line -> report.line("%s", line));
        report.heading(
                "/v1/chat/completions against /api/ask: %d questions, %d generated documents"
                        .formatted(count, docs));
        String[] kinds = {"answer", "streamed to the last event"};
        for (int streamed = 0; streamed < 2; streamed++) {
            Latencies ownLatency = Latencies.of(own[streamed]);
            Latencies v1 = Latencies.of(openAi[streamed]);
            report.line("%s:", kinds[streamed]);
            report.line("  %-15s : %s", streamed == 1 ? "/api/ask/stream" : "/api/ask", ownLatency);
            report.line("  %-15s : %s", "/v1", v1);
            report.line(
                    "  %-15s : p50 %+.2f ms, p95 %+.2f ms",
                    "added", v1.p50() - ownLatency.p50(), v1.p95() - ownLatency.p95());
        }
        report.print();
    }

    /** One question, timed to the response's last byte, in nanoseconds. */
    private long send(boolean openAi, boolean streamed, String collection, String question)
            throws Exception {
        Map<String, Object> body =
                openAi
                        ? Map.of(
                                "model",
                                collection,
                                "stream",
                                streamed,
                                "messages",
                                List.of(Map.of("role", "user", "content", question)))
                        : Map.of("question", question, "collection", collection);
        String path = openAi ? "/v1/chat/completions" : streamed ? "/api/ask/stream" : "/api/ask";
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + path))
                        .header("Authorization", com.verity.support.TestUsers.admin())
                        .header("Content-Type", "application/json")
                        .header("Accept", streamed ? "text/event-stream" : "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isEqualTo(200);
        assertThat(response.body())
                .contains(openAi ? (streamed ? "[DONE]" : "chat.completion") : "mode");
        return took;
    }
}
