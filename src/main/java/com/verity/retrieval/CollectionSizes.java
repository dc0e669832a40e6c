package com.verity.retrieval;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Passages per collection and index generation that a set of groups may read, exact, from the
 * statistics the index keeps (passage_volume): a few rows per collection, however many passages.
 */
@Component
class CollectionSizes {

    private final JdbcClient jdbc;

    CollectionSizes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param readable passages the caller's groups may read
     * @param total passages of the generation, readable or not
     * @param textConfigs the text-search configurations its passages are indexed with
     */
    record Volume(long readable, long total, List<String> textConfigs) {}

    /** The generation's volume for a reader marked with these groups: one small query. */
    Volume volume(long collectionId, int generationId, String[] groups) {
        return jdbc.sql(
                        """
                        select coalesce(sum(passages)
                                          filter (where access_groups && cast(:groups as text[])),
                                        0) as readable,
                               coalesce(sum(passages), 0) as total,
                               array(select text_config::text from passage_volume
                                     where collection_id = :collection
                                       and generation_id = :generation
                                     group by text_config
                                     having sum(passages) > 0
                                     order by text_config::text) as configs
                        from passage_volume
                        where collection_id = :collection and generation_id = :generation
                        """)
                .param("groups", groups)
                .param("collection", collectionId)
                .param("generation", generationId)
                .query(
                        (rs, row) ->
                                new Volume(
                                        rs.getLong("readable"),
                                        rs.getLong("total"),
                                        List.of((String[]) rs.getArray("configs").getArray())))
                .single();
    }
}
