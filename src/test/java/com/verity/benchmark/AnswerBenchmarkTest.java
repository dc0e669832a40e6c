package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The answer path's own cost (issue #3): {@code POST /api/ask} against an Ollama emulator that
 * answers at once, minus the retrieval time the service reports, is what Verity adds around the
 * model (validation, prompt building and measuring, the Ollama HTTP call, citation checks, the
 * audit record). Then 50 answers streamed at once, the emulator pacing tokens like a model.
 * Settings: {@code bench.answerDocs} (60), {@code bench.answerQueries} (200), {@code bench.streams}
 * (50).
 */
@IntegrationTest
@Tag("benchmark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerBenchmarkTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();
    private static final int STREAMS = Integer.getInteger("bench.streams", 50);

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
        // the emulator stands in for an Ollama that serves every stream at once
        registry.add("verity.assistant.max-concurrent-generations", () -> STREAMS);
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    void measuresTheAnswerOverheadAndConcurrentStreams() throws Exception {
        int docs = Integer.getInteger("bench.answerDocs", 60);
        int queries = Integer.getInteger("bench.answerQueries", 200);
        PolicyCorpus corpus = PolicyCorpus.load(20240601L);
        String collection = api.newCollection("bench-answers");
        corpus.upload(api, collection, docs);
        List<String> questions = corpus.questions(40 + queries, 7);
        BenchmarkReport report =
                new BenchmarkReport(
                        "Verity answer benchmark (issue #3)", "answer-benchmark-report.txt");
        report.heading("Machine");
        Machine.describe(jdbc).forEach(line -> report.line("%s", line));

        questions.subList(0, 40).forEach(q -> ask(collection, q));
        long[] total = new long[queries];
        long[] retrieval = new long[queries];
        long[] overhead = new long[queries];
        long[] serviceOverhead = new long[queries];
        int answered = 0;
        for (int i = 0; i < queries; i++) {
            long started = System.nanoTime();
            Map<String, Object> answer = ask(collection, questions.get(40 + i));
            total[i] = System.nanoTime() - started;
            Map<?, ?> timings = (Map<?, ?>) answer.get("timings");
            long retrievalMs = ((Number) timings.get("retrievalMs")).longValue();
            long generationMs = ((Number) timings.get("generationMs")).longValue();
            long totalMs = ((Number) timings.get("totalMs")).longValue();
            retrieval[i] = retrievalMs * 1_000_000;
            serviceOverhead[i] = (totalMs - retrievalMs - generationMs) * 1_000_000;
            overhead[i] = Math.max(0, total[i] - retrieval[i]);
            answered += "ANSWERED".equals(answer.get("mode")) ? 1 : 0;
        }
        Latencies overheads = Latencies.of(serviceOverhead);
        report.heading("(a) Overhead of POST /api/ask, the emulated model answering at once");
        report.line(
                "collection : %d generated documents; %d sequential questions after 40 warm-up",
                docs, queries);
        report.line("end to end : %s", Latencies.of(total));
        report.line(
                "retrieval  : %s (as the service reports it: rewrite + search)",
                Latencies.of(retrieval));
        report.line(
                "overhead   : %s (in the service: total minus retrieval minus the model call; prompt building and"
                        + " measuring, citation checks)",
                overheads);
        report.line(
                "as seen    : %s (by this client in the same JVM: end to end minus retrieval; adds HTTP and JSON"
                        + " both ways, the request checks, the model call to the emulator and the audit write)",
                Latencies.of(overhead));
        report.line(
                "answered   : %d of %d ANSWERED (the rest NOT_FOUND by the relevance gate)",
                answered, queries);
        report.line(
                "goal       : overhead p95 < 20 ms: %.1f ms, %s",
                overheads.p95(), BenchmarkReport.verdict(overheads.p95() < 20));

        ollama.delayFirstToken(Duration.ofMillis(200)).delayBetweenTokens(Duration.ofMillis(20));
        ExecutorService clients = Executors.newFixedThreadPool(STREAMS);
        long started = System.nanoTime();
        List<CompletableFuture<Stream>> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            String question = questions.get(40 + i % queries);
            streams.add(CompletableFuture.supplyAsync(() -> stream(collection, question), clients));
        }
        List<Stream> done = streams.stream().map(CompletableFuture::join).toList();
        long wall = System.nanoTime() - started;
        clients.shutdown();
        long completed = done.stream().filter(Stream::completed).count();
        long errors = done.stream().filter(s -> !s.completed()).count();
        report.heading(
                "(b) %d answers streamed at once (first token after 200 ms, then one every 20 ms)"
                        .formatted(STREAMS));
        report.line(
                "completed  : %d with a done event, %d with an error or cut short",
                completed, errors);
        report.line(
                "per stream : %s", Latencies.of(done.stream().mapToLong(Stream::nanos).toArray()));
        report.line("tokens     : %d in all", done.stream().mapToInt(Stream::tokens).sum());
        report.line("wall time  : %.1f s", wall / 1e9);
        report.line(
                "goal       : %d concurrent streams without errors: %s",
                STREAMS, BenchmarkReport.verdict(errors == 0));
        report.print();
        assertThat(errors).isZero();
    }

    private record Stream(boolean completed, int tokens, long nanos) {}

    private Stream stream(String collection, String question) {
        long started = System.nanoTime();
        List<VerityApi.Event> events =
                api.events(
                        "/api/ask/stream", Map.of("question", question, "collection", collection));
        boolean done = !events.isEmpty() && events.get(events.size() - 1).name().equals("done");
        int tokens = (int) events.stream().filter(e -> e.name().equals("token")).count();
        return new Stream(done, tokens, System.nanoTime() - started);
    }

    private Map<String, Object> ask(String collection, String question) {
        var reply = api.post("/api/ask", Map.of("question", question, "collection", collection));
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }
}
