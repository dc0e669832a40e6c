package com.verity.benchmark;

import static com.verity.benchmark.BenchmarkReport.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.collection.CollectionCatalog;
import com.verity.embedding.Embedder;
import com.verity.embedding.EmbeddingProperties;
import com.verity.ingestion.IngestionProperties;
import com.verity.ingestion.PassageIndex;
import com.verity.retrieval.RetrievalProperties;
import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The figures issue #2 asks for: ingestion throughput against the raw embedding throughput of the
 * same model, and search latency at growing collection sizes. Not part of the normal build: run
 * {@code scripts/benchmark.sh} (or {@code ./mvnw -Pbenchmark test}); sizes come from {@link
 * BenchmarkSettings}.
 */
@IntegrationTest
@Tag("benchmark")
class VerityBenchmarkTest {

    private static final double INGESTION_GOAL = 0.9;
    private static final double P95_GOAL_MILLIS = 60;
    private static final double EASY_RAG_GOAL = 1.5;

    @Autowired VerityApi api;
    @Autowired Embedder embedder;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate jdbcTemplate;
    @Autowired TransactionTemplate transactions;
    @Autowired PassageIndex index;
    @Autowired CollectionCatalog collections;
    @Autowired EmbeddingProperties embedding;
    @Autowired IngestionProperties ingestion;
    @Autowired RetrievalProperties retrieval;

    @Test
    void measuresIngestionThroughputAndSearchLatency() throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
        PolicyCorpus corpus = PolicyCorpus.load(settings.seed());
        BenchmarkReport report = new BenchmarkReport();
        String loadAtStart = Machine.loadAverage();
        report.heading("Machine");
        Machine.describe(jdbc).forEach(line -> report.line("%s", line));
        report.line(
                "service    : model %s (%d dims), embedding batch-size %d, embedding threads %s,"
                        + " ingestion workers %d; search candidates %d, hnsw.ef_search %d, topK 10",
                embedder.modelId(),
                embedder.dimension(),
                embedding.batchSize(),
                embedding.threads() == 0 ? "1 per core" : embedding.threads(),
                ingestion.workers(),
                retrieval.candidates(),
                retrieval.hnswEfSearch());

        List<PolicyDocument> documents = corpus.documents(settings.docs());
        List<PolicyDocument> warmup = corpus.warmupDocuments(settings.warmupDocs());
        IngestionThroughput throughput = new IngestionThroughput(api);
        // one recording for all the runs, begun before the last one: starting a recording makes
        // the JIT compile again (CpuProfile.begin), so the profile cannot start between runs
        CpuProfile profile = CpuProfile.start();
        throughput.warmUp(warmup, settings.uploadBatch());
        List<Run> runs = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            boolean last = run == settings.runs();
            if (last) {
                profile.begin();
            }
            double compilerBefore = CpuProfile.compilerSeconds();
            IngestionThroughput.Result ingested = throughput.run(documents, settings.uploadBatch());
            double compiler = CpuProfile.compilerSeconds() - compilerBefore;
            if (last) {
                profile.stop();
            }
            var raw =
                    new RawEmbeddingThroughput(jdbc, embedder)
                            .run(ingested.collection(), embedding.batchSize());
            assertThat(raw.passages()).isEqualTo(ingested.passages());
            runs.add(new Run(ingested, raw, compiler));
        }
        Run last = runs.get(runs.size() - 1);
        IngestionThroughput.Result ingested = last.ingested();
        long markdown = documents.stream().filter(PolicyDocument::markdown).count();
        report.heading("(a) Ingestion throughput");
        report.line(
                "corpus     : %d generated policy/FAQ documents (seed %d): %d Markdown, %d plain"
                        + " text, %.0f KiB, cut into %d passages",
                documents.size(),
                settings.seed(),
                markdown,
                documents.size() - markdown,
                documents.stream().mapToInt(d -> d.bytes().length).sum() / 1024.0,
                ingested.passages());
        report.line(
                "runs       : %d, one after the other in one service, each into a new collection"
                        + " (REST API, %d files per request, after %d warm-up documents), each"
                        + " followed by the raw model (Embedder.embedPassages on the run's search"
                        + " texts, batches of %d, one caller)",
                runs.size(), settings.uploadBatch(), warmup.size(), embedding.batchSize());
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            report.line(
                    "run %d      : ingestion %.1f passages/s (%.1f s to last INDEXED), raw model"
                            + " %.1f passages/s, ratio %.2f; JIT compiler threads %.1f s of CPU",
                    i + 1,
                    run.ingested().passagesPerSecond(),
                    run.ingested().seconds(),
                    run.raw().passagesPerSecond(),
                    run.ratio(),
                    run.compilerSeconds());
        }
        double[] ratios = runs.stream().mapToDouble(Run::ratio).sorted().toArray();
        double lowest = ratios[0];
        report.line(
                "ratio      : ingestion/raw lowest %.2f, median %.2f, highest %.2f (goal >= %.2f"
                        + " in every run: %s)",
                lowest,
                ratios[ratios.length / 2],
                ratios[ratios.length - 1],
                INGESTION_GOAL,
                verdict(lowest >= INGESTION_GOAL));
        var raw = last.raw();

        report.heading("(a') Where ingestion's CPU went (the last run)");
        profile.report(report, "ingestion profile", ingested.passages());
        profile.close();

        if (settings.webPages() > 0) {
            compareWithEasyRag(settings, corpus, throughput, report);
        }

        measureSearchLatency(settings, corpus, raw.vectors(), report);
        report.heading("Conditions");
        report.line(
                "load average (1/5/15 min) at start %s, at end %s",
                loadAtStart, Machine.loadAverage());
        report.print();
    }

    /** One measured ingestion and the raw model on its passages. */
    private record Run(
            IngestionThroughput.Result ingested,
            RawEmbeddingThroughput.Result raw,
            double compilerSeconds) {

        double ratio() {
            return ingested.passagesPerSecond() / raw.passagesPerSecond();
        }
    }

    /**
     * Part (a''), goal 1 of issue 15: Verity's ingestion end to end against LangChain4j Easy RAG's
     * embedding step alone, on the same web pages, the baseline measured before and after.
     */
    private void compareWithEasyRag(
            BenchmarkSettings settings,
            PolicyCorpus corpus,
            IngestionThroughput throughput,
            BenchmarkReport report) {
        List<PolicyDocument> pages = corpus.webPages(settings.webPages());
        EasyRagBaseline easyRag = new EasyRagBaseline();
        easyRag.run(corpus.warmupDocuments(10)); // loads its model and parser, unmeasured
        EasyRagBaseline.Result before = easyRag.run(pages);
        CpuProfile.Tally cpu = CpuProfile.Tally.now();
        IngestionThroughput.Result verity = throughput.run(pages, settings.uploadBatch());
        String verityCpu = cpu.untilNow(verity.passages(), "passage");
        EasyRagBaseline.Result after = easyRag.run(pages);
        // Verity's model alone on Verity's passages of the same pages: how fast the end to end
        // run could be if nothing but the embedding cost anything
        var raw =
                new RawEmbeddingThroughput(jdbc, embedder)
                        .run(verity.collection(), embedding.batchSize());
        double rawSeconds = raw.elapsed().toNanos() / 1e9;
        double baseline = (before.embeddingSeconds() + after.embeddingSeconds()) / 2;
        double speedUp = baseline / verity.seconds();
        long html = pages.stream().filter(PolicyDocument::html).count();
        report.heading("(a'') Against LangChain4j Easy RAG's embedding step alone");
        report.line(
                "pages      : %d generated pages (%d HTML web pages with navigation, %d Markdown"
                        + " and plain text), %,d characters",
                pages.size(),
                html,
                pages.size() - html,
                pages.stream().mapToInt(p -> p.render().length()).sum());
        report.line(
                "Easy RAG   : embedding step alone %.1f s before, %.1f s after (%d and %d"
                        + " segments, %,d tokens; its own parse + split + embed + store %.1f s /"
                        + " %.1f s)",
                before.embeddingSeconds(),
                after.embeddingSeconds(),
                before.segments(),
                after.segments(),
                before.tokens(),
                before.all().toNanos() / 1e9,
                after.all().toNanos() / 1e9);
        report.line(
                "Verity     : %.1f s end to end through REST (upload, parse, chunk, embed, store,"
                        + " until all INDEXED), %d passages (%,d tokens); its model alone on"
                        + " them %.1f s",
                verity.seconds(), verity.passages(), tokens(verity.collection()), rawSeconds);
        report.line("Verity CPU : %s", verityCpu);
        report.line(
                "speed-up   : Easy RAG embedding alone / Verity end to end = %.2f (goal >= %.1f:"
                        + " %s)",
                speedUp, EASY_RAG_GOAL, verdict(speedUp >= EASY_RAG_GOAL));
        report.line(
                "ceiling    : Easy RAG embedding alone / Verity's model alone = %.2f (what the"
                        + " speed-up would be with no cost beside the embedding)",
                baseline / rawSeconds);
    }

    private long tokens(String collection) {
        return jdbc.sql(
                        "select coalesce(sum(p.token_count), 0) from passage p"
                                + " join collection c on c.id = p.collection_id where c.name = :c")
                .param("c", collection)
                .query(Long.class)
                .single();
    }

    /** Part (b): one collection grown by bulk inserts, searched at each size. */
    private void measureSearchLatency(
            BenchmarkSettings settings,
            PolicyCorpus corpus,
            ReferenceVectors vectors,
            BenchmarkReport report)
            throws Exception {
        List<String> questions =
                corpus.questions(settings.warmup() + settings.queries(), settings.seed() + 1);
        List<String> warmup = questions.subList(0, settings.warmup());
        List<String> measured = questions.subList(settings.warmup(), questions.size());
        String collection = api.newCollection("bench-large");
        int largestSize = settings.sizes().get(settings.sizes().size() - 1);
        LargeCollectionLoader.PassageVectors passageVectors;
        report.heading("(b) Search latency of POST /api/search");
        report.line(
                "how built  : the large collection is NOT ingested through the API: documents and"
                        + " passage rows are bulk-inserted");
        if (settings.realVectors()) {
            var cache =
                    PassageVectorCache.open(
                            embedder, corpus, settings.seed(), settings.vectorCache());
            var prepared = cache.prepare(largestSize + 200);
            passageVectors = cache;
            report.line(
                    "             (active index generation, text from the same generator; vector ="
                            + " the passage's own embedding by the service's model:");
            report.line(
                    "             %,d read from %s, %,d embedded now in %.0f s); HNSW and GIN",
                    prepared.cachedPassages(),
                    prepared.file(),
                    prepared.embeddedPassages(),
                    prepared.embedding().toNanos() / 1e9);
        } else {
            passageVectors = vectors.blended(settings.noise());
            report.line(
                    "             (active index generation, text from the same generator; vector ="
                            + " random blend of two of the %d real embeddings",
                    vectors.size());
            report.line(
                    "             of part (a) of the same topic + Gaussian noise sigma %.3f per"
                            + " component, re-normalised); HNSW and GIN",
                    settings.noise());
        }
        report.line(
                "             indexes maintained by the inserts (%d connections), then VACUUM"
                        + " ANALYZE. %d sequential queries after %d warm-up, by API key.",
                settings.loadThreads(), measured.size(), warmup.size());
        var loader =
                new LargeCollectionLoader(
                        jdbcTemplate,
                        transactions,
                        corpus,
                        passageVectors,
                        settings,
                        collections.requireId(collection),
                        index.serving(collections.requireId(collection)).id());
        // as a client integration calls it: with an API key of the read scope (HTTP Basic checks
        // a remembered password verification per request; AccessBenchmarkTest compares the two)
        var key =
                api.post(
                        "/api/api-keys",
                        java.util.Map.of("name", "benchmark", "scopes", List.of("read")));
        assertThat(key.status().value()).as("key creation %s", key.body()).isEqualTo(201);
        var latency = new SearchLatency(api.withKey((String) key.body().get("key")), embedder);
        Latencies largest = null;
        int before = 0;
        for (int size : settings.sizes()) {
            Duration load = loader.growTo(size);
            long vacuumStart = System.nanoTime();
            jdbc.sql("vacuum analyze passage").update();
            jdbc.sql("vacuum analyze document").update();
            double vacuum = (System.nanoTime() - vacuumStart) / 1e9;
            boolean last = size == settings.sizes().get(settings.sizes().size() - 1);
            var result = latency.run(collection, warmup, measured, last);
            BenchmarkReport.writeQuestions(measured, result.vectors());
            largest = result.search();
            report.line("");
            report.line(
                    "%,d passages: loaded in %.1f s (%.0f passages/s), vacuum analyze %.1f s; %s",
                    size,
                    load.toNanos() / 1e9,
                    (size - before) / (load.toNanos() / 1e9),
                    vacuum,
                    TableSizes.describe(jdbc));
            report.line("  search          : %s", result.search());
            report.line(
                    "  query embedding : %s (the model alone, same questions)",
                    result.queryEmbedding());
            report.line(
                    "  answered        : %d of %d queries returned passages",
                    result.answered(), measured.size());
            if (result.profile() != null) {
                report.line("  where the measured searches' CPU went:");
                result.profile().report(report, "search profile", measured.size(), "search");
                result.profile().close();
            }
            before = size;
        }
        if (largest != null) {
            report.line("");
            report.line(
                    "goal       : p95 < %.0f ms at %,d passages: p95 %.1f ms, %s",
                    P95_GOAL_MILLIS,
                    settings.sizes().get(settings.sizes().size() - 1),
                    largest.p95(),
                    verdict(largest.p95() < P95_GOAL_MILLIS));
        }
    }
}
