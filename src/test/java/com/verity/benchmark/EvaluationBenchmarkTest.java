package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Evaluation figures (issue 12): answers per minute of an evaluation of two models with the
 * emulated model answering at once, and what live questions pay while one runs (their latency alone
 * and beside a running evaluation), with the default slots (2) and share (0.5). Settings: {@code
 * bench.evalDocs} (60), {@code bench.evalQuestions} (100), {@code bench.liveQuestions} (60).
 */
@IntegrationTest
@Tag("benchmark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationBenchmarkTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        registry.add("verity.jobs.polling-interval", () -> "500ms");
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void measuresEvaluationThroughputAndTheCostToLiveQuestions() throws Exception {
        int docs = Integer.getInteger("bench.evalDocs", 60);
        int evaluated = Integer.getInteger("bench.evalQuestions", 100);
        int live = Integer.getInteger("bench.liveQuestions", 60);
        ollama.pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        PolicyCorpus corpus = PolicyCorpus.load(20240601L);
        String collection = api.newCollection("bench-eval");
        corpus.upload(api, collection, docs);
        List<String> questions = corpus.questions(20 + live + evaluated, 11);
        List<String> warmUp = questions.subList(0, 20);
        List<String> liveQuestions = questions.subList(20, 20 + live);
        String golden =
                questions.subList(20 + live, questions.size()).stream()
                        .map(q -> "{\"question\": \"" + q.replace("\"", "'") + "\"}")
                        .collect(Collectors.joining("\n"));
        Map<String, Object> set =
                (Map<String, Object>)
                        api.multipart(
                                        "/api/collections/" + collection + "/golden-sets",
                                        Map.of("name", "bench"),
                                        "file",
                                        new Upload(
                                                "bench.jsonl",
                                                golden.getBytes(StandardCharsets.UTF_8),
                                                "application/jsonl"))
                                .body();
        warmUp.forEach(q -> ask(collection, q));

        BenchmarkReport report =
                new BenchmarkReport(
                        "Verity evaluation benchmark (issue 12)",
                        "evaluation-benchmark-report.txt");
        report.heading("Machine");
        Machine.describe(jdbc).forEach(line -> report.line("%s", line));

        Latencies alone = Latencies.of(askAll(collection, liveQuestions));
        Map<String, Object> quiet = awaitEnd(start(collection, set.get("id")));
        String busyId = start(collection, set.get("id"));
        CompletableFuture<long[]> beside =
                CompletableFuture.supplyAsync(() -> askAll(collection, liveQuestions));
        Latencies during = Latencies.of(beside.get());
        Map<String, Object> busy = awaitEnd(busyId);

        int answers = evaluated * 2;
        report.heading(
                "(a) Throughput: %d questions x 2 models, emulated models answering at once"
                        .formatted(evaluated));
        report.line(
                "collection : %d generated documents; defaults: 2 generation slots, share 0.5, 2 workers",
                docs);
        report.line(
                "alone      : %.0f answers per minute (%s)",
                perMinute(quiet, answers), quiet.get("state"));
        report.line(
                "beside live: %.0f answers per minute while %d live questions were asked one after another",
                perMinute(busy, answers), live);
        report.heading("(b) Live questions (POST /api/ask, sequential)");
        report.line("alone          : %s", alone);
        report.line("beside an eval : %s", during);
        report.line(
                "extra          : p50 %+.1f ms, p95 %+.1f ms",
                during.p50() - alone.p50(), during.p95() - alone.p95());
        report.print();
        assertThat(quiet.get("state")).isEqualTo("SUCCEEDED");
        assertThat(busy.get("state")).isEqualTo("SUCCEEDED");
    }

    private long[] askAll(String collection, List<String> questions) {
        long[] nanos = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            long started = System.nanoTime();
            ask(collection, questions.get(i));
            nanos[i] = System.nanoTime() - started;
        }
        return nanos;
    }

    private void ask(String collection, String question) {
        api.post("/api/ask", Map.of("question", question, "collection", collection));
    }

    private String start(String collection, Object goldenSet) {
        return (String)
                api.post(
                                "/api/evaluations",
                                Map.of(
                                        "collection", collection,
                                        "goldenSet", goldenSet,
                                        "models", List.of("mistral", "llama3.1:8b")))
                        .body()
                        .get("id");
    }

    private Map<String, Object> awaitEnd(String id) {
        while (true) {
            Map<String, Object> report = api.get("/api/evaluations/" + id).body();
            if (!List.of("QUEUED", "RUNNING").contains(report.get("state"))) {
                return report;
            }
            VerityApi.sleep(200);
        }
    }

    private static double perMinute(Map<String, Object> report, int answers) {
        Duration took =
                Duration.between(
                        Instant.parse((String) report.get("startedAt")),
                        Instant.parse((String) report.get("finishedAt")));
        return answers * 60_000.0 / Math.max(1, took.toMillis());
    }
}
