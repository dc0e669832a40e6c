package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import com.verity.collection.CollectionCatalog;
import com.verity.embedding.Embedder;
import com.verity.ingestion.PassageIndex;
import com.verity.support.FirstPassageResponder;
import com.verity.support.FormSession;
import com.verity.support.IntegrationTest;
import com.verity.support.OllamaEmulator;
import com.verity.support.TestAccounts;
import com.verity.support.TestAccounts.Account;
import com.verity.support.VerityApi;
import jakarta.servlet.Filter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What access control costs (issue 10): (a) the time Spring Security's filter chain takes per
 * search and per question, by API key, HTTP Basic and session, beside the whole request; (b) search
 * at 100k passages for a caller who may read 10% of them, against one who may read all: latency,
 * and whether top-k still fills with what the caller may read (recall). Not part of the normal
 * build: {@code scripts/benchmark.sh -Dtest=AccessBenchmarkTest}; the report is also written to
 * {@code target/access-benchmark-report.txt}.
 */
@IntegrationTest
@Tag("benchmark")
@Import(AccessBenchmarkTest.ChainTiming.class)
class AccessBenchmarkTest {

    static final OllamaEmulator ollama = OllamaEmulator.start();

    /** Nanoseconds the last request spent in the security filter chain. */
    static final AtomicLong chain = new AtomicLong();

    private static final String STARTED = "benchmark.chainStarted";

    @DynamicPropertySource
    static void ollama(DynamicPropertyRegistry registry) {
        registry.add("verity.assistant.ollama.base-url", ollama::baseUrl);
    }

    @AfterAll
    static void stopOllama() {
        ollama.close();
    }

    /**
     * Two filters around Spring Security's (order -100): the time between them is the chain's:
     * authentication, the caller's refresh, CSRF, cross-site and authorization checks.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class ChainTiming {
        @Bean
        FilterRegistrationBean<Filter> beforeSecurity() {
            FilterRegistrationBean<Filter> before =
                    new FilterRegistrationBean<>(
                            (request, response, next) -> {
                                request.setAttribute(STARTED, System.nanoTime());
                                next.doFilter(request, response);
                            });
            before.setOrder(-101);
            return before;
        }

        @Bean
        FilterRegistrationBean<Filter> afterSecurity() {
            FilterRegistrationBean<Filter> after =
                    new FilterRegistrationBean<>(
                            (request, response, next) -> {
                                if (request.getAttribute(STARTED) instanceof Long started) {
                                    chain.set(System.nanoTime() - started);
                                }
                                next.doFilter(request, response);
                            });
            after.setOrder(-99);
            return after;
        }
    }

    @Autowired VerityApi admin;
    @Autowired Embedder embedder;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate jdbcTemplate;
    @Autowired TransactionTemplate transactions;
    @Autowired PassageIndex index;
    @Autowired CollectionCatalog collections;
    @Autowired com.verity.embedding.EmbeddingProperties embedding;
    @Autowired com.verity.retrieval.RetrievalProperties retrieval;

    private final JsonMapper json = JsonMapper.builder().build();

    /** One way of calling: sends a JSON POST and answers the status. */
    private record Mechanism(
            String name,
            Function<Map<String, Object>, Integer> search,
            Function<Map<String, Object>, Integer> ask) {}

    @Test
    void measuresWhatAuthenticationAndDocumentFiltersCost() throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        PolicyCorpus corpus = PolicyCorpus.load(settings.seed());
        BenchmarkReport report =
                new BenchmarkReport(
                        "Verity access benchmark (issue 10)", "access-benchmark-report.txt");
        String loadAtStart = Machine.loadAverage();
        report.heading("Machine");
        Machine.describe(jdbc).forEach(line -> report.line("%s", line));

        var ingested =
                new IngestionThroughput(admin)
                        .run(
                                corpus.warmupDocuments(settings.warmupDocs()),
                                corpus.documents(settings.docs()),
                                settings.uploadBatch());
        var raw =
                new RawEmbeddingThroughput(jdbc, embedder)
                        .run(ingested.collection(), embedding.batchSize());
        List<String> questions =
                corpus.questions(settings.warmup() + settings.queries(), settings.seed() + 1);
        List<String> warmup = questions.subList(0, settings.warmup());
        List<String> measured = questions.subList(settings.warmup(), questions.size());

        authenticationCost(ingested.collection(), warmup, measured, report);
        filteredSearch(settings, corpus, raw.vectors(), warmup, measured, report);

        report.heading("Conditions");
        report.line(
                "load average (1/5/15 min) at start %s, at end %s",
                loadAtStart, Machine.loadAverage());
        report.print();
    }

    /** Part (a): the same searches and questions by key, Basic and session, interleaved. */
    private void authenticationCost(
            String collection, List<String> warmup, List<String> measured, BenchmarkReport report) {
        ollama.reset().pulled("mistral", "llama3.1:8b").respondWith(new FirstPassageResponder());
        Account agent =
                TestAccounts.create(admin, "bench-agent", List.of("AGENT"), List.of("support"));
        VerityApi withKey = agent.withKey(TestAccounts.key(agent, List.of("read", "ask")));
        FormSession session = new FormSession(admin.port());
        session.signIn(agent.username(), agent.password());
        Map<String, String> csrf = Map.of("X-CSRF-TOKEN", session.csrfToken("/"));
        List<Mechanism> mechanisms =
                List.of(
                        new Mechanism(
                                "API key",
                                body -> withKey.post("/api/search", body).status().value(),
                                body -> withKey.post("/api/ask", body).status().value()),
                        new Mechanism(
                                "HTTP Basic",
                                body -> agent.api().post("/api/search", body).status().value(),
                                body -> agent.api().post("/api/ask", body).status().value()),
                        new Mechanism(
                                "session",
                                body ->
                                        session.postJson("/api/search", write(body), csrf)
                                                .statusCode(),
                                body ->
                                        session.postJson("/api/ask", write(body), csrf)
                                                .statusCode()));
        report.heading("(a) Authentication: time in the security filter chain, and whole requests");
        report.line(
                "how        : %d searches (topK 10) and %d questions per mechanism, interleaved, after"
                        + " %d warm-up each; one agent (AGENT, one group), its API key, its Basic"
                        + " credentials (verified once, then remembered), its form-login session;",
                measured.size(), measured.size() / 4, warmup.size());
        report.line(
                "             chain = time between two filters around Spring Security's (order -100):"
                        + " authentication, the caller's refresh from the database, CSRF, cross-site"
                        + " and authorization");
        report.line(
                "             questions go to the Ollama emulator (instant answers), so they show"
                        + " the service's own share of an answer");
        for (String question : warmup) {
            for (Mechanism mechanism : mechanisms) {
                assertThat(mechanism.search().apply(search(collection, question))).isEqualTo(200);
            }
        }
        Map<String, long[][]> searches =
                interleaved(
                        mechanisms, measured, (m, q) -> m.search().apply(search(collection, q)));
        List<String> asked = measured.subList(0, measured.size() / 4);
        Map<String, long[][]> asks =
                interleaved(
                        mechanisms,
                        asked,
                        (m, q) -> m.ask().apply(Map.of("question", q, "collection", collection)));
        for (Mechanism mechanism : mechanisms) {
            long[][] s = searches.get(mechanism.name());
            long[][] a = asks.get(mechanism.name());
            report.line("");
            report.line("%-10s search : whole %s", mechanism.name(), Latencies.of(s[0]));
            report.line(
                    "%-10s          chain %s; whole minus chain %s",
                    "", micros(s[1]), Latencies.of(minus(s[0], s[1])));
            report.line("%-10s ask    : whole %s", "", Latencies.of(a[0]));
            report.line(
                    "%-10s          chain %s; whole minus chain %s",
                    "", micros(a[1]), Latencies.of(minus(a[0], a[1])));
        }
    }

    /** Part (b): 100k passages, 90% of them in a group the outsider is not in. */
    private void filteredSearch(
            BenchmarkSettings settings,
            PolicyCorpus corpus,
            ReferenceVectors vectors,
            List<String> warmup,
            List<String> measured,
            BenchmarkReport report)
            throws Exception {
        int size = settings.sizes().get(settings.sizes().size() - 1);
        String collection = admin.newCollection("bench-filtered");
        long collectionId = collections.requireId(collection);
        int generation = index.serving(collectionId).id();
        var loader =
                new LargeCollectionLoader(
                        jdbcTemplate,
                        transactions,
                        corpus,
                        vectors.blended(settings.noise()),
                        settings,
                        collectionId,
                        generation,
                        index -> index % 10 == 0 ? new String[0] : new String[] {"restricted"});
        var load = loader.growTo(size);
        jdbc.sql("vacuum analyze passage").update();
        jdbc.sql("vacuum analyze document").update();
        long visible =
                jdbc.sql(
                                "select count(*) from passage where collection_id = :c"
                                        + " and access_groups && cast(:every as text[])")
                        .param("c", collectionId)
                        .param("every", new String[] {"*"})
                        .query(Long.class)
                        .single();
        Account insider =
                TestAccounts.create(
                        admin, "bench-insider", List.of("AGENT"), List.of("restricted"));
        Account outsider =
                TestAccounts.create(admin, "bench-outsider", List.of("AGENT"), List.of("support"));
        VerityApi all = insider.withKey(TestAccounts.key(insider, List.of("read")));
        VerityApi tenth = outsider.withKey(TestAccounts.key(outsider, List.of("read")));
        for (String question : warmup) {
            all.post("/api/search", search(collection, question));
            tenth.post("/api/search", search(collection, question));
        }
        long[] unfiltered = new long[measured.size()];
        long[] filtered = new long[measured.size()];
        double hybridRecall = 0;
        double vectorRecall = 0;
        long[] hnswArm = new long[measured.size()];
        long[] exactArm = new long[measured.size()];
        int hybridCounted = 0;
        for (int i = 0; i < measured.size(); i++) {
            String question = measured.get(i);
            long started = System.nanoTime();
            List<Map<String, Object>> everything =
                    results(all.post("/api/search", search(collection, question, 50)));
            unfiltered[i] = System.nanoTime() - started;
            started = System.nanoTime();
            List<Map<String, Object>> readable =
                    results(tenth.post("/api/search", search(collection, question)));
            filtered[i] = System.nanoTime() - started;
            Set<Object> expected = new HashSet<>();
            for (Map<String, Object> result : everything) {
                if (expected.size() < 10 && visibleDocument(result.get("documentId"))) {
                    expected.add(result.get("chunkId"));
                }
            }
            if (!expected.isEmpty()) {
                hybridRecall +=
                        readable.stream().filter(r -> expected.contains(r.get("chunkId"))).count()
                                / (double) expected.size();
                hybridCounted++;
            }
            Arm arm = vectorArm(collectionId, generation, embedder.embedQuery(question));
            vectorRecall += arm.hnswRecall();
            hnswArm[i] = arm.hnswNanos();
            exactArm[i] = arm.exactNanos();
        }
        report.heading(
                "(b) Search at %,d passages, %.0f%% of them hidden from the caller"
                        .formatted(size, 100 - 100.0 * visible / size));
        report.line(
                "how        : one collection bulk-loaded as in the search benchmark (%.0f s); 9 of 10"
                        + " documents in group 'restricted' (their passages too, by trigger);"
                        + " %,d passages readable to the outsider",
                load.toNanos() / 1e9, visible);
        report.line(
                "             insider (in the group, reads all) and outsider search the same %d questions, alternately, API keys",
                measured.size());
        report.line("unfiltered : %s (insider, topK 50)", Latencies.of(unfiltered));
        report.line("filtered   : %s (outsider, topK 10)", Latencies.of(filtered));
        report.line(
                "recall@10  : hybrid %.3f (outsider's top 10 against the insider's results restricted to"
                        + " readable documents, %d questions with any)",
                hybridRecall / Math.max(1, hybridCounted), hybridCounted);
        report.line(
                "vector arm : on the HNSW index (access filter, iterative scan, 60 candidates) recall@10"
                        + " %.3f against an exact scan of the readable passages;",
                vectorRecall / measured.size());
        report.line(
                "             Verity ranks a caller who reads only part of a collection and at most %,d"
                        + " of its passages by that exact scan (here the outsider reads %,d: %s)",
                retrieval.exactScanMaxPassages(),
                visible,
                visible <= retrieval.exactScanMaxPassages() ? "exact scan" : "HNSW index");
        report.line("             arm alone, HNSW : %s", Latencies.of(hnswArm));
        report.line("             arm alone, exact: %s", Latencies.of(exactArm));
    }

    private boolean visibleDocument(Object documentId) {
        return jdbc.sql(
                        "select cardinality(access_groups) = 0 from document where id = cast(:id as uuid)")
                .param("id", documentId)
                .query(Boolean.class)
                .single();
    }

    /** Recall and time of the vector arm both ways, for one question, as the outsider. */
    private record Arm(double hnswRecall, long hnswNanos, long exactNanos) {}

    /**
     * The vector arm as Verity runs it on the HNSW index (60 candidates, access filter, iterative
     * scan, re-ranked by distance) and as an exact scan of the readable passages (what it runs for
     * a caller who may read at most verity.retrieval.exact-scan-max-passages): recall@10 of the
     * first against the second, and the time of each.
     */
    private Arm vectorArm(long collectionId, int generation, float[] vector) {
        String nearest =
                """
                select id from (
                    select id, embedding <=> cast(:v as vector) as distance from passage
                    where collection_id = :c and generation_id = :g
                      and access_groups && cast(:groups as text[])
                    order by embedding <=> cast(:v as vector) limit 60) candidates
                order by distance limit 10
                """;
        long started = System.nanoTime();
        List<Long> approximate = arm(nearest, collectionId, generation, vector, "on");
        long hnsw = System.nanoTime() - started;
        started = System.nanoTime();
        List<Long> exact = arm(nearest, collectionId, generation, vector, "off");
        long scan = System.nanoTime() - started;
        double recall =
                exact.isEmpty()
                        ? 1
                        : approximate.stream().filter(exact::contains).count()
                                / (double) exact.size();
        return new Arm(recall, hnsw, scan);
    }

    private List<Long> arm(
            String sql, long collectionId, int generation, float[] vector, String indexScan) {
        return transactions.execute(
                tx -> {
                    jdbc.sql(
                                    """
                                    select set_config('hnsw.ef_search', '100', true),
                                           set_config('hnsw.iterative_scan', 'relaxed_order', true),
                                           set_config('enable_indexscan', :indexScan, true),
                                           set_config('enable_bitmapscan', :bitmapScan, true)
                                    """)
                            .param("indexScan", indexScan)
                            .param("bitmapScan", "on".equals(indexScan) ? "off" : "on")
                            .query()
                            .listOfRows();
                    return ids(sql, collectionId, generation, vector);
                });
    }

    private List<Long> ids(String sql, long collectionId, int generation, float[] vector) {
        return jdbc.sql(sql)
                .param("c", collectionId)
                .param("g", generation)
                .param("groups", new String[] {"support", "*"})
                .param("v", new PGvector(vector))
                .query(Long.class)
                .list();
    }

    private interface Call {
        int apply(Mechanism mechanism, String question);
    }

    /** Runs each question by every mechanism in turn; per mechanism {whole, chain} nanos. */
    private Map<String, long[][]> interleaved(
            List<Mechanism> mechanisms, List<String> questions, Call call) {
        Map<String, long[][]> times = new LinkedHashMap<>();
        mechanisms.forEach(
                m ->
                        times.put(
                                m.name(),
                                new long[][] {
                                    new long[questions.size()], new long[questions.size()]
                                }));
        for (int i = 0; i < questions.size(); i++) {
            for (int k = 0; k < mechanisms.size(); k++) {
                Mechanism mechanism = mechanisms.get((i + k) % mechanisms.size());
                long started = System.nanoTime();
                assertThat(call.apply(mechanism, questions.get(i))).isEqualTo(200);
                times.get(mechanism.name())[0][i] = System.nanoTime() - started;
                times.get(mechanism.name())[1][i] = chain.get();
            }
        }
        return times;
    }

    private static long[] minus(long[] whole, long[] part) {
        long[] rest = new long[whole.length];
        for (int i = 0; i < whole.length; i++) {
            rest[i] = whole[i] - part[i];
        }
        return rest;
    }

    private static String micros(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "p50 %.3f ms, p95 %.3f ms"
                .formatted(
                        sorted[(int) Math.ceil(0.5 * sorted.length) - 1] / 1e6,
                        sorted[(int) Math.ceil(0.95 * sorted.length) - 1] / 1e6);
    }

    private static Map<String, Object> search(String collection, String question) {
        return search(collection, question, 10);
    }

    private static Map<String, Object> search(String collection, String question, int topK) {
        return Map.of("query", question, "collection", collection, "topK", topK);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(VerityApi.Reply<Map<String, Object>> reply) {
        assertThat(reply.status().value()).isEqualTo(200);
        return (List<Map<String, Object>>) reply.body().get("results");
    }

    private String write(Map<String, Object> body) {
        return json.writeValueAsString(body);
    }
}
