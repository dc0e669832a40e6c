package com.verity.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * What the benchmark does, from system properties ({@code -Dbench.docs=50} on the Maven command
 * line), with the defaults of the figures reported for issue #2.
 *
 * @param docs documents generated and uploaded for the ingestion throughput
 * @param warmupDocs documents ingested before measuring, into another collection
 * @param runs times the {@code docs} documents are ingested one after the other, each into a new
 *     collection and each against the raw model on its passages: the first pays most of the JIT's
 *     compilations, the later ones show whether the ratio holds
 * @param seed seed of the generated corpus and questions
 * @param uploadBatch files per upload request
 * @param sizes passages in the large collection at which search latency is measured, ascending
 * @param queries measured search requests per size
 * @param warmup search requests before measuring, per size
 * @param noise standard deviation of the per-component noise added to blended real embeddings
 * @param loadThreads connections that insert passages into the large collection in parallel
 * @param webPages pages (HTML, Markdown, text) ingested by Verity and by Easy RAG for the baseline
 *     comparison; 0 skips it
 * @param realVectors whether the large collection's passages carry their own embeddings (from
 *     {@link PassageVectorCache}, computed on the first run) rather than blends of a few real ones
 * @param vectorCache the directory of the cached embeddings
 */
record BenchmarkSettings(
        int docs,
        int warmupDocs,
        int runs,
        long seed,
        int uploadBatch,
        List<Integer> sizes,
        int queries,
        int warmup,
        double noise,
        int loadThreads,
        int webPages,
        boolean realVectors,
        java.nio.file.Path vectorCache) {

    static BenchmarkSettings fromSystemProperties() {
        return new BenchmarkSettings(
                Integer.getInteger("bench.docs", 300),
                Integer.getInteger("bench.warmupDocs", 30),
                positive("bench.runs", Integer.getInteger("bench.runs", 5)),
                Long.getLong("bench.seed", 20240601L),
                Integer.getInteger("bench.uploadBatch", 10),
                Arrays.stream(System.getProperty("bench.sizes", "10000,100000").split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .map(Integer::valueOf)
                        .sorted()
                        .toList(),
                Integer.getInteger("bench.queries", 200),
                Integer.getInteger("bench.warmup", 40),
                Double.parseDouble(System.getProperty("bench.noise", "0.02")),
                Integer.getInteger("bench.loadThreads", 2),
                Integer.getInteger("bench.webPages", 150),
                vectors(System.getProperty("bench.vectors", "real")),
                java.nio.file.Path.of(
                        System.getProperty(
                                "bench.vectorCache",
                                System.getProperty("user.home") + "/.cache/verity-benchmark")));
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(
                    "%s is %d; it counts runs, so give 1 or more".formatted(name, value));
        }
        return value;
    }

    private static boolean vectors(String kind) {
        return switch (kind) {
            case "real" -> true;
            case "blended" -> false;
            default ->
                    throw new IllegalArgumentException(
                            "bench.vectors is '%s'; use real (each passage's own embedding,"
                                    + " cached) or blended (blends of part (a)'s embeddings)"
                                            .formatted(kind));
        };
    }
}
