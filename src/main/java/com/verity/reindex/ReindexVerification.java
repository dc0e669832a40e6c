package com.verity.reindex;

import com.pgvector.PGvector;
import com.verity.embedding.Embedder;
import com.verity.ingestion.IndexGeneration;
import com.verity.ingestion.IndexGenerations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a job's new generations before the switch: every searchable document built (within
 * verity.reindex.max-failed-documents), each document's passage count as recorded, and sample
 * questions (passages' own text) finding their document in the top 10 of the new generation.
 */
@Component
class ReindexVerification {

    private static final int SAMPLE_TOP = 10;
    private static final int SAMPLE_QUERY_CHARS = 300;

    /** What was checked, and the first problem found. */
    record Outcome(String summary, Optional<String> problem) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final IndexGenerations generations;
    private final ReindexEmbedders embedders;
    private final ReindexProperties properties;

    ReindexVerification(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            IndexGenerations generations,
            ReindexEmbedders embedders,
            ReindexProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.generations = generations;
        this.embedders = embedders;
        this.properties = properties;
    }

    Outcome check(List<ReindexJobStore.Step> steps) {
        List<String> checks = new ArrayList<>();
        for (ReindexJobStore.Step step : steps) {
            Optional<String> problem = verify(step, checks);
            if (problem.isPresent()) {
                return new Outcome(String.join("; ", checks), problem);
            }
        }
        return new Outcome(String.join("; ", checks), Optional.empty());
    }

    private Optional<String> verify(ReindexJobStore.Step step, List<String> checks) {
        if (!step.rebuilt()) {
            checks.add(step.name() + ": index unchanged");
            return Optional.empty();
        }
        long regressions = regressions(step);
        if (regressions > properties.maxFailedDocuments()) {
            return Optional.of(
                    ("%s: %d searchable document(s) could not be re-indexed (see errors; at most %d"
                                    + " allowed by verity.reindex.max-failed-documents). The"
                                    + " current index keeps serving. Fix or delete them and start"
                                    + " the job again: it reuses what was built.")
                            .formatted(step.name(), regressions, properties.maxFailedDocuments()));
        }
        long mismatched = mismatchedCounts(step);
        if (mismatched > 0) {
            return Optional.of(
                    "%s: %d document(s) have another number of passages than was recorded"
                            .formatted(step.name(), mismatched));
        }
        IndexGeneration target = generations.get(step.toGeneration());
        int[] found = sampleQueries(step, embedders.forGeneration(target));
        checks.add(
                "%s: every document built, passage counts match, %d of %d sample questions found their passage's document in the top %d"
                        .formatted(step.name(), found[0], found[1], SAMPLE_TOP));
        if (found[1] > 0 && found[0] < Math.ceil(found[1] * properties.sampleMinHitRate())) {
            return Optional.of(
                    ("%s: only %d of %d sample questions found their own passage in the new"
                                    + " index; the current index keeps serving")
                            .formatted(step.name(), found[0], found[1]));
        }
        return Optional.empty();
    }

    /** Documents searchable now that have no build in the new generation (their item failed). */
    private long regressions(ReindexJobStore.Step step) {
        return jdbc.sql(
                        """
                        select count(*) from document d
                        where d.collection_id = :c and d.status = 'INDEXED'
                          and not exists (select 1 from document_build b
                                          where b.document_id = d.id and b.generation_id = :to)
                        """)
                .param("c", step.collectionId())
                .param("to", step.toGeneration())
                .query(Long.class)
                .single();
    }

    private long mismatchedCounts(ReindexJobStore.Step step) {
        return jdbc.sql(
                        """
                        select count(*) from document_build b join document d on d.id = b.document_id
                        where d.collection_id = :c and b.generation_id = :to
                          and b.passages <> (select count(*) from passage p
                                             where p.document_id = b.document_id
                                               and p.generation_id = :to)
                        """)
                .param("c", step.collectionId())
                .param("to", step.toGeneration())
                .query(Long.class)
                .single();
    }

    /** Searches the new generation for sample passages' own text: {found, asked}. */
    private int[] sampleQueries(ReindexJobStore.Step step, Embedder embedder) {
        record Sample(String text, UUID documentId) {}
        List<Sample> samples =
                jdbc.sql(
                                """
                                select left(search_text, :chars), document_id from passage
                                where collection_id = :c and generation_id = :to
                                order by random() limit :n
                                """)
                        .param("chars", SAMPLE_QUERY_CHARS)
                        .param("c", step.collectionId())
                        .param("to", step.toGeneration())
                        .param("n", properties.sampleQueries())
                        .query(
                                (rs, row) ->
                                        new Sample(rs.getString(1), rs.getObject(2, UUID.class)))
                        .list();
        int found = 0;
        for (Sample sample : samples) {
            PGvector question = new PGvector(embedder.embedQuery(sample.text()));
            Boolean hit =
                    transactions.execute(
                            tx -> {
                                jdbc.sql(
                                                "select set_config('hnsw.iterative_scan',"
                                                        + " 'relaxed_order', true)")
                                        .query()
                                        .singleValue();
                                return jdbc.sql(
                                                """
                                                select :doc in (
                                                    select document_id from passage
                                                    where collection_id = :c and generation_id = :to
                                                    order by embedding <=> :q limit :top)
                                                """)
                                        .param("doc", sample.documentId())
                                        .param("c", step.collectionId())
                                        .param("to", step.toGeneration())
                                        .param("q", question)
                                        .param("top", SAMPLE_TOP)
                                        .query(Boolean.class)
                                        .single();
                            });
            if (Boolean.TRUE.equals(hit)) {
                found++;
            }
        }
        return new int[] {found, samples.size()};
    }
}
