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

    /** The text-search configurations the generation's passages are indexed with. */
    List<String> textConfigs(long collectionId, int generationId) {
        return jdbc.sql(
                        """
                        select text_config::text from passage_volume
                        where collection_id = :collection and generation_id = :generation
                        group by text_config
                        having sum(passages) > 0
                        """)
                .param("collection", collectionId)
                .param("generation", generationId)
                .query(String.class)
                .list();
    }

    /** The passages marked with one of these groups (null: all of them). */
    long passages(long collectionId, int generationId, String[] groups) {
        return jdbc.sql(
                        """
                        select coalesce(sum(passages), 0) from passage_volume
                        where collection_id = :collection and generation_id = :generation
                          and (cast(:groups as text[]) is null
                               or access_groups && cast(:groups as text[]))
                        """)
                .param("groups", groups)
                .param("collection", collectionId)
                .param("generation", generationId)
                .query(Long.class)
                .single();
    }
}
