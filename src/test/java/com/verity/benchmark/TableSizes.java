package com.verity.benchmark;

import org.springframework.jdbc.core.simple.JdbcClient;

/** How big the passage table and its indexes are, all collections together. */
final class TableSizes {

    private TableSizes() {}

    static String describe(JdbcClient jdbc) {
        return jdbc.sql(
                        """
                        select format('table passage %s rows in %s collections, heap %s,'
                                      || ' HNSW %s, GIN %s',
                                      (select count(*) from passage),
                                      (select count(distinct collection_id) from passage),
                                      pg_size_pretty(pg_table_size('passage')),
                                      pg_size_pretty(pg_relation_size('passage_embedding_idx')),
                                      pg_size_pretty(pg_relation_size('passage_tsv_idx')))
                        """)
                .query(String.class)
                .single();
    }
}
