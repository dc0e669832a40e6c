package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FirstPassageResponder;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.VerityApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Answer governance figures (issue 13), with the emulated model answering at once: what a
 * verified-answer hit costs against a normal answer, and what the escalation cascade adds when
 * nothing escalates (the same questions, asked in turn of a collection with an escalation model and
 * one without). Settings: {@code bench.govDocs} (40), {@code bench.govQuestions} (100).
 */
@IntegrationTest
@Tag("benchmark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceBenchmarkTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;

    @AfterAll
    void stopOllama() {
        ollama.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void measuresVerifiedAnswersAndTheCascade() {
        int docs = Integer.getInteger("bench.govDocs", 40);
        int count = Integer.getInteger("bench.govQuestions", 100);
        ollama.pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        PolicyCorpus corpus = PolicyCorpus.load(20261202L);
        String plain = api.newCollection("bench-plain");
        String cascaded = api.newCollection("bench-cascade");
        corpus.upload(api, plain, docs);
        corpus.upload(api, cascaded, docs);
        api.put(
                "/api/collections/" + cascaded + "/routing",
                Map.of(
                        "defaultModel",
                        "mistral",
                        "escalationModel",
                        "llama3.1:8b",
                        "unsupportedThreshold",
                        1));
        List<String> questions = corpus.questions(count + 20, 13);
        questions.subList(0, 20).forEach(q -> ask(plain, q));

        // (a) the cascade when nothing escalates: the same question of both collections, in turn;
        // which one is asked first alternates, as the second finds the question's embedding kept
        long[] without = new long[count];
        long[] with = new long[count];
        int escalated = 0;
        for (int i = 0; i < count; i++) {
            String q = questions.get(20 + i);
            boolean plainFirst = i % 2 == 0;
            long[] first = time(plainFirst ? plain : cascaded, q);
            long[] second = time(plainFirst ? cascaded : plain, q);
            without[i] = plainFirst ? first[0] : second[0];
            with[i] = plainFirst ? second[0] : first[0];
            escalated += (int) (plainFirst ? second[1] : first[1]);
        }

        // (b) a verified-answer hit against a normal answer: each question gets a verified answer
        List<String> verified = questions.subList(20, 20 + Math.min(count, 50));
        for (String q : verified) {
            Map<String, Object> answer = ask(plain, q);
            List<Map<String, Object>> passages = (List<Map<String, Object>>) answer.get("passages");
            if (passages.isEmpty()) {
                continue;
            }
            api.post(
                    "/api/collections/" + plain + "/verified-answers",
                    Map.of(
                            "question",
                            q,
                            "answer",
                            "As the policy says [1].",
                            "citations",
                            List.of(Map.of("chunkId", passages.get(0).get("chunkId")))));
        }
        // each asked as text not embedded before (the model is uncased: the same vector), so both
        // the hit and the normal answer pay for one embedding
        long[] hits = new long[verified.size()];
        long[] normal = new long[verified.size()];
        int served = 0;
        for (int i = 0; i < verified.size(); i++) {
            String q = verified.get(i);
            long started = System.nanoTime();
            Map<String, Object> answer = ask(plain, q.toLowerCase(java.util.Locale.ROOT));
            hits[i] = System.nanoTime() - started;
            served += "VERIFIED".equals(answer.get("mode")) ? 1 : 0;
            started = System.nanoTime();
            ask(cascaded, q.toUpperCase(java.util.Locale.ROOT));
            normal[i] = System.nanoTime() - started;
        }

        BenchmarkReport report =
                new BenchmarkReport(
                        "Verity answer governance benchmark (issue 13)",
                        "governance-benchmark-report.txt");
        report.heading("Machine");
        Machine.describe(jdbc).forEach(line -> report.line("%s", line));
        report.heading(
                "(a) Escalation cascade, nothing escalating: %d questions, %d generated documents per collection"
                        .formatted(count, docs));
        Latencies plainLatency = Latencies.of(without);
        Latencies cascadeLatency = Latencies.of(with);
        report.line("no escalation model   : %s", plainLatency);
        report.line(
                "with escalation model : %s (%d of %d escalated)",
                cascadeLatency, escalated, count);
        report.line(
                "added                 : p50 %+.2f ms, p95 %+.2f ms (goal: under 2 ms) %s",
                cascadeLatency.p50() - plainLatency.p50(),
                cascadeLatency.p95() - plainLatency.p95(),
                BenchmarkReport.verdict(cascadeLatency.p50() - plainLatency.p50() < 2));
        report.heading("(b) Verified answers: %d questions asked again".formatted(verified.size()));
        Latencies hit = Latencies.of(hits);
        Latencies generated = Latencies.of(normal);
        report.line("verified-answer hit : %s (%d served VERIFIED)", hit, served);
        report.line("normal answer       : %s (search, emulated model, check)", generated);
        report.print();
        assertThat(served).isPositive();
        assertThat(escalated).isZero();
    }

    /** The answer's time in nanoseconds, and 1 when it escalated. */
    private long[] time(String collection, String question) {
        long started = System.nanoTime();
        Map<String, Object> answer = ask(collection, question);
        return new long[] {
            System.nanoTime() - started, Boolean.TRUE.equals(answer.get("escalated")) ? 1 : 0
        };
    }

    private Map<String, Object> ask(String collection, String question) {
        VerityApi.Reply<Map<String, Object>> reply =
                api.post("/api/ask", Map.of("question", question, "collection", collection));
        assertThat(reply.status().value()).as("%s", reply.body()).isEqualTo(200);
        return reply.body();
    }
}
