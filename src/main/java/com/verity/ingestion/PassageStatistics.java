package com.verity.ingestion;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the full-text statistics' change rows (passage_term, passage_volume: appended by triggers
 * as passages come and go) into one row per key, so that summing them stays a short index scan.
 * Folding never changes a sum: the figures are exact before and after, whenever it runs. Keys whose
 * sum fell to zero (a deleted document, a retired generation) disappear. The module's public facade
 * for it; a recurring job runs it ({@code verity.ingestion.statistics-fold-interval}).
 */
@Service
public class PassageStatistics {

    private static final String FOLD_TERMS =
            """
            with keys as (
                select distinct text_config, access_groups, lexeme from passage_term
                where collection_id = :collection and generation_id = :generation and not folded
            ),
            gone as (
                delete from passage_term t using keys k
                where t.collection_id = :collection and t.generation_id = :generation
                  and t.lexeme = k.lexeme and t.text_config = k.text_config
                  and t.access_groups = k.access_groups
                returning t.text_config, t.access_groups, t.lexeme, t.passages
            )
            insert into passage_term (collection_id, generation_id, text_config, access_groups,
                                      lexeme, passages, folded)
            select :collection, :generation, text_config, access_groups, lexeme, sum(passages), true
            from gone
            group by text_config, access_groups, lexeme
            having sum(passages) <> 0
            """;

    private static final String FOLD_VOLUMES =
            """
            with gone as (
                delete from passage_volume
                where collection_id = :collection and generation_id = :generation
                returning text_config, access_groups, passages, lexemes
            )
            insert into passage_volume (collection_id, generation_id, text_config, access_groups,
                                        passages, lexemes, folded)
            select :collection, :generation, text_config, access_groups, sum(passages),
                   sum(lexemes), true
            from gone
            group by text_config, access_groups
            having sum(passages) <> 0
            """;

    private record Scope(long collectionId, int generationId) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    PassageStatistics(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Folds every collection and generation with change rows, one transaction each. Returns how
     * many it folded. Safe beside writers and beside another fold (which skips what this one
     * holds).
     */
    public int fold() {
        List<Scope> scopes =
                jdbc.sql(
                                """
                                select collection_id, generation_id from passage_term where not folded
                                union
                                select collection_id, generation_id from passage_volume
                                where not folded
                                """)
                        .query((rs, row) -> new Scope(rs.getLong(1), rs.getInt(2)))
                        .list();
        int folded = 0;
        for (Scope scope : scopes) {
            if (Boolean.TRUE.equals(transactions.execute(tx -> fold(scope)))) {
                folded++;
            }
        }
        return folded;
    }

    private boolean fold(Scope scope) {
        boolean ours =
                jdbc.sql("select pg_try_advisory_xact_lock(hashtext('passage-statistics'), :key)")
                        .param(
                                "key",
                                Long.hashCode(scope.collectionId()) * 31 + scope.generationId())
                        .query(Boolean.class)
                        .single();
        if (!ours) {
            return false;
        }
        for (String sql : List.of(FOLD_TERMS, FOLD_VOLUMES)) {
            jdbc.sql(sql)
                    .param("collection", scope.collectionId())
                    .param("generation", scope.generationId())
                    .update();
        }
        return true;
    }
}
