package com.verity.ingestion;

import com.pgvector.PGvector;
import com.verity.embedding.Embedder;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** What a re-index verifies of a built generation before a collection switches to it. */
@Component
class IndexChecks {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    IndexChecks(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    long unbuiltSearchable(long collectionId, int generationId) {
        return jdbc.sql(
                        """
                        select count(*) from document d
                        where d.collection_id = :c and d.status = 'INDEXED'
                          and not exists (select 1 from document_build b
                                          where b.document_id = d.id and b.generation_id = :g)
                        """)
                .param("c", collectionId)
                .param("g", generationId)
                .query(Long.class)
                .single();
    }

    long passageCountMismatches(long collectionId, int generationId) {
        return jdbc.sql(
                        """
                        select count(*) from document_build b join document d on d.id = b.document_id
                        where d.collection_id = :c and b.generation_id = :g
                          and b.passages <> (select count(*) from passage p
                                             where p.document_id = b.document_id
                                               and p.generation_id = :g)
                        """)
                .param("c", collectionId)
                .param("g", generationId)
                .query(Long.class)
                .single();
    }

    PassageIndex.SampleSearch sampleSearch(
            long collectionId,
            int generationId,
            Embedder embedder,
            int questions,
            int chars,
            int top) {
        record Sample(String text, UUID documentId) {}
        List<Sample> samples =
                jdbc.sql(
                                """
                                select left(search_text, :chars), document_id from passage
                                where collection_id = :c and generation_id = :g
                                order by random() limit :n
                                """)
                        .param("chars", chars)
                        .param("c", collectionId)
                        .param("g", generationId)
                        .param("n", questions)
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
                                                    where collection_id = :c and generation_id = :g
                                                    order by embedding <=> :q limit :top)
                                                """)
                                        .param("doc", sample.documentId())
                                        .param("c", collectionId)
                                        .param("g", generationId)
                                        .param("q", question)
                                        .param("top", top)
                                        .query(Boolean.class)
                                        .single();
                            });
            if (Boolean.TRUE.equals(hit)) {
                found++;
            }
        }
        return new PassageIndex.SampleSearch(found, samples.size());
    }
}
