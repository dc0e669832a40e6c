package com.verity.retrieval;

import com.pgvector.PGvector;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Vector similarity (HNSW, cosine) and PostgreSQL full-text search over one collection's active
 * index generation, fused by weighted reciprocal rank fusion, in two SQL statements: the full-text
 * arm runs while the question is embedded, the vector arm and the fusion after. The full-text side
 * matches any of the question's terms (OR) through the GIN index and ranks the matches by BM25
 * (term frequency from the tsvector positions; document frequencies, passage count and average
 * length from the statistics the index keeps per collection and generation, exact at every commit),
 * so a natural-language question does not need every word in a passage, rare words count more than
 * common ones, and the ranking is the same whenever PostgreSQL last ran ANALYZE and whatever other
 * collections hold.
 *
 * <p>Both arms read only passages the caller may read (no access groups, or one of the caller's
 * groups), inside their scans: what the caller may not read is never ranked, never counted in
 * BM25's statistics, and never takes a place in top-k.
 */
@Component
class HybridSearch {

    /**
     * The full-text arm: BM25 over the passages matching the question's terms, best first. It needs
     * no query vector, so it runs while the question is being embedded.
     */
    private static final String KEYWORD_SQL =
            """
            -- Every step is materialized: computed once, whatever the planner estimates (without
            -- statistics it would re-run the term lookups for every candidate passage).
            -- The text-search configurations the collection's passages are indexed with (one per
            -- language): the question is read with each, so a German question finds German
            -- passages by their stems and an English one English passages by theirs.
            with configs as materialized (
                select text_config
                from passage_volume
                where collection_id = :collection and generation_id = :generation
                  and access_groups && cast(:groups as text[])
                group by text_config
                having sum(passages) > 0
            ),
            question as materialized (
                select c.text_config,
                       array(select unnest(tsvector_to_array(to_tsvector(c.text_config, :query))))
                         as terms
                from configs c
            ),
            every_term as materialized (
                select array(select distinct l from question q cross join unnest(q.terms) l)
                         as terms
            ),
            -- Each query term's document frequency in its configuration: exact, among the passages
            -- of this collection's generation that the caller may read (the statistics the index
            -- keeps, never the planner's).
            terms as materialized (
                select q.text_config, t.lexeme, coalesce(s.df, 0) as df
                from question q cross join unnest(q.terms) as t(lexeme)
                  left join (select text_config, lexeme, sum(passages) as df
                             from passage_term
                             where lexeme = any(cast((select terms from every_term) as text[]))
                               and collection_id = :collection and generation_id = :generation
                               and access_groups && cast(:groups as text[])
                             group by text_config, lexeme) s using (text_config, lexeme)
            ),
            corpus as materialized (
                select greatest(coalesce(sum(passages), 0), 1)::float8 as n,
                       greatest(coalesce(sum(lexemes)::float8 / nullif(sum(passages), 0), 1), 1)
                         as avgdl
                from passage_volume
                where collection_id = :collection and generation_id = :generation
                  and access_groups && cast(:groups as text[])
            ),
            -- Match on the rarest terms, adding commoner ones while the passages they match stay
            -- within the budget (the rarest always): the work per query stays bounded however
            -- large the collection, and in collections smaller than the budget every term matches.
            -- A lexeme matches in every configuration, so its passages are counted over all of them.
            selective as materialized (
                select cast(string_agg(quote_literal(lexeme), ' | ') as tsquery) as tq,
                       coalesce(sum(df), 0) > :matchLimit as cut
                from (select lexeme, df,
                             sum(df) over (order by df, lexeme) as upto,
                             row_number() over (order by df, lexeme) as rarity
                      from (select lexeme, sum(df) as df from terms
                            group by lexeme having sum(df) > 0) per_lexeme) ranked
                where upto <= :matchBudget or rarity = 1
            ),
            -- The passages to score: all that selective matches, unless they may be more than
            -- matchLimit (a question of common words in a large collection). Then, when at least
            -- candidates passages hold both of the question's two rarest words, only those (the
            -- full-text index intersects the two words' postings, so only they are read; a passage
            -- with one of them rarely outscores them); otherwise all that selective matches. Either
            -- way those holding the most words of the question come first (coordination level,
            -- counted in C on each tsvector), then the most recently indexed. The work stays bounded
            -- and the choice never depends on the planner or the table's physical order. The
            -- collection, generation and groups are written so that no other index can serve them
            -- (without statistics the planner takes the collection's index and reads all of it).
            rarest_two as materialized (
                select cast(string_agg(quote_literal(lexeme), ' & ') as tsquery) as tq,
                       count(*) = 2 and (select cut from selective) as usable
                from (select lexeme from terms group by lexeme having sum(df) > 0
                      order by sum(df), lexeme limit 2) two
            ),
            holding_both as materialized (
                select p.id, length(ts_filter(setweight(p.tsv, 'b', q.terms), '{b}')) as words
                from passage p cross join every_term q
                where (select usable from rarest_two)
                  and p.tsv @@ (select tq from rarest_two)
                  and p.collection_id + 0 = :collection and p.generation_id + 0 = :generation
                  and coalesce(p.access_groups, '{}') && cast(:groups as text[])
            ),
            scored as materialized (
                (select id from holding_both
                 where (select count(*) from holding_both) >= :candidates
                 order by words desc, id desc
                 limit :matchLimit)
                union all
                (select p.id
                 from passage p cross join every_term q
                 where (select count(*) from holding_both) < :candidates
                   and p.tsv @@ (select tq from selective)
                   and p.collection_id + 0 = :collection and p.generation_id + 0 = :generation
                   and coalesce(p.access_groups, '{}') && cast(:groups as text[])
                 order by case when (select cut from selective)
                               then length(ts_filter(setweight(p.tsv, 'b', q.terms), '{b}')) end
                            desc nulls last,
                          p.id desc
                 limit :matchLimit)
            ),
            -- Each scored passage's tsvector, cut down in C to the query's terms (setweight +
            -- ts_filter) once per passage, with the query terms that also stand in its heading
            -- (weight A); unnesting whole tsvectors row by row costs several times as much.
            matched as materialized (
                select p.id, p.text_config, length(p.tsv)::float8 as dl,
                       ts_filter(setweight(p.tsv, 'b', q.terms), '{b}') as hits,
                       tsvector_to_array(
                           ts_filter(setweight(ts_filter(p.tsv, '{a}'), 'b', q.terms), '{b}'))
                         as heading_hits
                from scored s join passage p on p.id = s.id cross join every_term q
            ),
            -- one row per (passage, query term it contains), with the term's occurrences; a term
            -- that also stands in the heading counts headingWeight extra. Only terms of the
            -- passage's own configuration count (a German stem in an English passage is chance).
            postings as materialized (
                select m.id, m.text_config, u.lexeme, m.dl,
                       cardinality(u.positions)
                         + :headingWeight * cast(u.lexeme = any(m.heading_hits) as int) as tf
                from matched m cross join lateral unnest(m.hits) u
            ),
            keyword_hits as (
                select id, row_number() over (order by score desc, id) as r
                from (select p.id,
                             sum(ln(1 + (c.n - t.df + 0.5) / (t.df + 0.5))
                                 * p.tf * (:k1 + 1)
                                 / (p.tf + :k1 * (1 - :b + :b * p.dl / c.avgdl))) as score
                      from postings p join terms t using (text_config, lexeme)
                        cross join corpus c
                      group by p.id
                      order by score desc, p.id
                      limit :candidates) best
            )
            select id, r from keyword_hits order by r
            """;

    /**
     * The vector arm, fused with the full-text ranks by weighted reciprocal rank fusion, and the
     * passages to return.
     */
    private static final String FUSED_SQL =
            """
            -- The query vector must be a bound parameter in ORDER BY for the HNSW index to be used
            -- (taken from a CTE, PostgreSQL falls back to a full scan and sort).
            with vector_hits as (
                select id, row_number() over (order by distance) as r, 1 - distance as similarity
                from (select p.id, p.embedding <=> cast(:vector as vector) as distance
                      from passage p
                      where p.collection_id = :collection and p.generation_id = :generation
                        and p.access_groups && cast(:groups as text[])
                      order by p.embedding <=> cast(:vector as vector)
                      limit :candidates) nearest
            ),
            keyword_hits as (
                select k.id, k.r
                from unnest(cast(:keywordIds as bigint[]), cast(:keywordRanks as int[])) as k(id, r)
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

    /** BM25's usual term-saturation and length-normalisation constants. */
    private static final double BM25_K1 = 1.2;

    private static final double BM25_B = 0.75;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Executor keywordArm;

    HybridSearch(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            @Qualifier("keywordSearches") Executor keywordArm) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keywordArm = keywordArm;
    }

    /**
     * The query vector is asked for once the full-text arm is under way.
     *
     * @param groups what the passages the caller may read are marked with ({@code
     *     Caller.passageGroupArray})
     * @param exact rank by an exact scan of the readable passages instead of the HNSW index: for a
     *     caller who may read few of a collection's passages, the filtered index scan misses some
     *     of their nearest (recall about 0.8 at 10% readable), while scanning those few is cheap
     */
    record Query(
            long collectionId,
            int generationId,
            String[] groups,
            boolean exact,
            String text,
            Supplier<float[]> vector,
            int candidates,
            int limit,
            int rrfK,
            double vectorWeight,
            double keywordWeight,
            double headingWeight,
            int matchBudget,
            int matchLimit,
            int efSearch) {}

    private record KeywordRank(long id, int rank) {}

    /**
     * Runs the full-text arm on another connection while the caller's thread embeds the question,
     * then the vector arm and the fusion: on two or more cores the two arms overlap.
     */
    List<RetrievedPassage> search(Query query) {
        CompletableFuture<List<KeywordRank>> keyword;
        try {
            keyword = CompletableFuture.supplyAsync(() -> keywordRanks(query), keywordArm);
        } catch (RejectedExecutionException busy) {
            keyword = CompletableFuture.completedFuture(keywordRanks(query));
        }
        float[] vector = query.vector().get();
        List<KeywordRank> ranks = keyword.join();
        return transactions.execute(
                tx -> {
                    // Per transaction: a wider HNSW candidate list, and iterative scans so the
                    // collection filter cannot starve the index scan of rows (pgvector 0.8).
                    // The vector arm's plan is chosen here, not by the planner's statistics
                    // (the access groups' GIN index would tempt it into scanning and sorting every
                    // readable passage): the HNSW index scan, or, for a caller who may read few,
                    // an exact scan of those through the GIN index.
                    jdbc.sql(
                                    """
                                    select set_config('hnsw.ef_search', :ef, true),
                                           set_config('hnsw.iterative_scan', 'relaxed_order', true),
                                           set_config('enable_indexscan', :indexScan, true),
                                           set_config('enable_bitmapscan', :bitmapScan, true)
                                    """)
                            .param("ef", Integer.toString(query.efSearch()))
                            .param("indexScan", query.exact() ? "off" : "on")
                            .param("bitmapScan", query.exact() ? "on" : "off")
                            .query()
                            .listOfRows();
                    return jdbc.sql(FUSED_SQL)
                            .param("vector", new PGvector(vector))
                            .param("collection", query.collectionId())
                            .param("groups", query.groups())
                            .param("generation", query.generationId())
                            .param("candidates", query.candidates())
                            .param(
                                    "keywordIds",
                                    ranks.stream().map(KeywordRank::id).toArray(Long[]::new))
                            .param(
                                    "keywordRanks",
                                    ranks.stream().map(KeywordRank::rank).toArray(Integer[]::new))
                            .param("rrfK", (double) query.rrfK())
                            .param("vectorWeight", query.vectorWeight())
                            .param("keywordWeight", query.keywordWeight())
                            .param("limit", query.limit())
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

    private List<KeywordRank> keywordRanks(Query query) {
        return jdbc.sql(KEYWORD_SQL)
                .param("query", query.text())
                .param("collection", query.collectionId())
                .param("groups", query.groups())
                .param("generation", query.generationId())
                .param("candidates", query.candidates())
                .param("headingWeight", query.headingWeight())
                .param("matchBudget", query.matchBudget())
                .param("matchLimit", query.matchLimit())
                .param("k1", BM25_K1)
                .param("b", BM25_B)
                .query((rs, row) -> new KeywordRank(rs.getLong(1), rs.getInt(2)))
                .list();
    }
}
