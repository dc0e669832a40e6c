package com.verity.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.embedding.Embedder;
import com.verity.support.VerityApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Latency of {@code POST /api/search} as a client measures it: sequential requests, each timed from
 * sending to the parsed reply, after a warm-up. The embedding of the same questions alone is timed
 * too, to show how much of a search is the model and how much the database.
 */
final class SearchLatency {

    private static final int TOP_K = 10;

    /**
     * @param profile where the measured searches' CPU went (not the warm-up's, not the model
     *     alone's); null when none was asked for
     */
    record Result(
            Latencies search,
            Latencies queryEmbedding,
            int answered,
            List<float[]> vectors,
            CpuProfile profile) {}

    private final VerityApi api;
    private final Embedder embedder;

    SearchLatency(VerityApi api, Embedder embedder) {
        this.api = api;
        this.embedder = embedder;
    }

    /** How many rounds were run: each asks its own variants of the questions. */
    private int round;

    Result run(String collection, List<String> warmup, List<String> questions) {
        return run(collection, warmup, questions, false);
    }

    /** As {@link #run(String, List, List)}, with a CPU profile of the measured searches. */
    Result run(String collection, List<String> warmup, List<String> questions, boolean profiled) {
        // each round asks the questions as text the service has not seen, so its question cache
        // (verity's LangChainEmbedder keeps recent question vectors) answers none of them: the
        // search pays for the embedding as a new question does; the model is uncased, so the
        // variants have the same tokens and vectors
        int searchVariant = 2 * round;
        int modelVariant = 2 * round + 1;
        round++;
        CpuProfile profile = profiled ? CpuProfile.startSearches() : null;
        warmup.forEach(question -> search(collection, variant(question, searchVariant)));
        long[] searches = new long[questions.size()];
        int answered = 0;
        if (profile != null) {
            profile.begin();
        }
        for (int i = 0; i < questions.size(); i++) {
            long started = System.nanoTime();
            List<?> results = search(collection, variant(questions.get(i), searchVariant));
            searches[i] = System.nanoTime() - started;
            answered += results.isEmpty() ? 0 : 1;
        }
        if (profile != null) {
            profile.stop();
        }
        long[] embeddings = new long[questions.size()];
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            long started = System.nanoTime();
            vectors.add(embedder.embedQuery(variant(questions.get(i), modelVariant).strip()));
            embeddings[i] = System.nanoTime() - started;
        }
        return new Result(
                Latencies.of(searches), Latencies.of(embeddings), answered, vectors, profile);
    }

    /**
     * The question as text of its own for each {@code k}: as written, lower case, upper case,
     * swapped case, then with question marks added (same tokens for an uncased model but the last).
     */
    static String variant(String question, int k) {
        return switch (k) {
            case 0 -> question;
            case 1 -> question.toLowerCase(java.util.Locale.ROOT);
            case 2 -> question.toUpperCase(java.util.Locale.ROOT);
            case 3 ->
                    question.chars()
                            .map(
                                    c ->
                                            Character.isUpperCase(c)
                                                    ? Character.toLowerCase(c)
                                                    : Character.toUpperCase(c))
                            .collect(
                                    StringBuilder::new,
                                    StringBuilder::appendCodePoint,
                                    StringBuilder::append)
                            .toString();
            default -> question + "?".repeat(k - 3);
        };
    }

    private List<?> search(String collection, String question) {
        var reply =
                api.post(
                        "/api/search",
                        Map.of("query", question, "collection", collection, "topK", TOP_K));
        assertThat(reply.status().value()).as("search reply %s", reply.body()).isEqualTo(200);
        return (List<?>) reply.body().get("results");
    }
}
