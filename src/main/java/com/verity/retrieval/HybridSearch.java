package com.verity.retrieval;

import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Vector similarity (HNSW, cosine) and PostgreSQL full-text search over one collection's active
 * index generation, fused by weighted reciprocal rank fusion, all in one SQL statement. The
 * full-text side matches any of the question's terms (OR), ranked by ts_rank with length
 * normalisation, so a natural-language question does not need every word in a passage.
 */
@Component
class HybridSearch {

    private static final String SQL =
            """
            with question as (
                select cast(:vector as vector) as v,
                       cast(replace(cast(plainto_tsquery('english', :query) as text), ' & ', ' | ')
                            as tsquery) as tq
            ),
            vector_hits as (
                select id, row_number() over (order by distance) as r, 1 - distance as similarity
                from (select p.id, p.embedding <=> q.v as distance
                      from passage p, question q
                      where p.collection_id = :collection and p.generation_id = :generation
                      order by p.embedding <=> q.v
                      limit :candidates) nearest
            ),
            keyword_hits as (
                select id, row_number() over (order by rank desc, id) as r
                from (select p.id, ts_rank(cast(:rankWeights as float4[]), p.tsv, q.tq, 1) as rank
                      from passage p, question q
                      where p.collection_id = :collection and p.generation_id = :generation
                        and p.tsv @@ q.tq
                      order by rank desc, p.id
                      limit :candidates) best
            ),
            fused as (
                select coalesce(v.id, k.id) as id,
                       coalesce(:vectorWeight / (:rrfK + v.r), 0)
                         + coalesce(:keywordWeight / (:rrfK + k.r), 0) as score,
                       v.similarity
                from vector_hits v full outer join keyword_hits k on k.id = v.id
            )
            select p.id, p.document_id, d.filename, d.title, p.text, p.section, p.start_offset,
                   p.end_offset, p.ordinal, f.score, f.similarity
            from fused f
              join passage p on p.id = f.id
              join document d on d.id = p.document_id
            order by f.score desc, p.id
            limit :limit
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    HybridSearch(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    record Query(
            long collectionId,
            int generationId,
            String text,
            float[] vector,
            int candidates,
            int limit,
            int rrfK,
            double vectorWeight,
            double keywordWeight,
            double headingWeight,
            int efSearch) {}

    List<RetrievedPassage> search(Query query) {
        return transactions.execute(
                tx -> {
                    // Per transaction: a wider HNSW candidate list, and iterative scans so the
                    // collection filter cannot starve the index scan of rows (pgvector 0.8).
                    jdbc.sql(
                                    """
                                    select set_config('hnsw.ef_search', :ef, true),
                                           set_config('hnsw.iterative_scan', 'relaxed_order', true)
                                    """)
                            .param("ef", Integer.toString(query.efSearch()))
                            .query()
                            .listOfRows();
                    return jdbc.sql(SQL)
                            .param("vector", new PGvector(query.vector()))
                            .param("query", query.text())
                            .param("collection", query.collectionId())
                            .param("generation", query.generationId())
                            .param("candidates", query.candidates())
                            .param("rrfK", (double) query.rrfK())
                            .param("vectorWeight", query.vectorWeight())
                            .param("keywordWeight", query.keywordWeight())
                            .param("limit", query.limit())
                            // ts_rank weights {D, C, B, A}: passage text is D, its heading A
                            .param(
                                    "rankWeights",
                                    "{1.0, 0, 0, %s}".formatted(query.headingWeight()))
                            .query(
                                    (rs, row) ->
                                            new RetrievedPassage(
                                                    rs.getObject("document_id", UUID.class),
                                                    rs.getString("filename"),
                                                    rs.getString("title"),
                                                    rs.getLong("id"),
                                                    rs.getString("text"),
                                                    rs.getDouble("score"),
                                                    rs.getObject("similarity", Double.class),
                                                    rs.getInt("start_offset"),
                                                    rs.getInt("end_offset"),
                                                    rs.getString("section"),
                                                    rs.getInt("ordinal")))
                            .list();
                });
    }
}
