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

    record Result(
            Latencies search, Latencies queryEmbedding, int answered, List<float[]> vectors) {}

    private final VerityApi api;
    private final Embedder embedder;

    SearchLatency(VerityApi api, Embedder embedder) {
        this.api = api;
        this.embedder = embedder;
    }

    Result run(String collection, List<String> warmup, List<String> questions) {
        warmup.forEach(question -> search(collection, question));
        long[] searches = new long[questions.size()];
        int answered = 0;
        for (int i = 0; i < questions.size(); i++) {
            long started = System.nanoTime();
            List<?> results = search(collection, questions.get(i));
            searches[i] = System.nanoTime() - started;
            answered += results.isEmpty() ? 0 : 1;
        }
        long[] embeddings = new long[questions.size()];
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            long started = System.nanoTime();
            vectors.add(embedder.embedQuery(questions.get(i).strip()));
            embeddings[i] = System.nanoTime() - started;
        }
        return new Result(Latencies.of(searches), Latencies.of(embeddings), answered, vectors);
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
