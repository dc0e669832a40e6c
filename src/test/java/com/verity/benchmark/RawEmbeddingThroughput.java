package com.verity.benchmark;

import com.verity.embedding.Embedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedding model alone, on exactly the texts ingestion embedded: the {@code search_text} of
 * every passage of the ingested collection, given to {@link Embedder#embedPassages} in slices of
 * the configured batch size. The vectors are kept, grouped by topic, as the seeds of the large
 * collection.
 */
final class RawEmbeddingThroughput {

    record Result(int passages, Duration elapsed, ReferenceVectors vectors) {

        double passagesPerSecond() {
            return passages / (elapsed.toNanos() / 1e9);
        }
    }

    private record Passage(String topic, String searchText) {}

    private final JdbcClient jdbc;
    private final Embedder embedder;

    RawEmbeddingThroughput(JdbcClient jdbc, Embedder embedder) {
        this.jdbc = jdbc;
        this.embedder = embedder;
    }

    Result run(String collection, int batchSize) {
        List<Passage> passages =
                jdbc.sql(
                                """
                                select d.filename, p.search_text
                                from passage p
                                  join document d on d.id = p.document_id
                                  join collection c on c.id = p.collection_id
                                where c.name = :collection
                                order by d.created_at, p.document_id, p.ordinal
                                """)
                        .param("collection", collection)
                        .query((rs, row) -> new Passage(topicOf(rs.getString(1)), rs.getString(2)))
                        .list();
        List<String> texts = passages.stream().map(Passage::searchText).toList();
        List<float[]> vectors = new ArrayList<>(texts.size());
        long started = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batchSize) {
            vectors.addAll(
                    embedder.embedPassages(
                            texts.subList(from, Math.min(texts.size(), from + batchSize))));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        ReferenceVectors reference = new ReferenceVectors();
        for (int i = 0; i < passages.size(); i++) {
            reference.add(passages.get(i).topic(), vectors.get(i));
        }
        return new Result(passages.size(), elapsed, reference);
    }

    /** Generated file names start with the topic key and end with "-NNNN.ext". */
    static String topicOf(String filename) {
        return filename.substring(0, filename.lastIndexOf('-'));
    }
}
