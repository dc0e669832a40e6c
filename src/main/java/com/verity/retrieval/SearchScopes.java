package com.verity.retrieval;

import com.verity.ingestion.IndexGeneration;
import com.verity.security.AccessSql;
import com.verity.security.Caller;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a search must know before it embeds the question, in one round trip: the collection (if the
 * caller may read it), the index generation serving it with the model its passages were embedded
 * with, and how many of that generation's passages the caller's groups may read, exact, from the
 * statistics the index keeps (passage_volume: a few rows per collection, however many passages).
 */
@Component
class SearchScopes {

    /**
     * The generation, its model and the caller's volume, beside the collection's readability: one
     * statement, so a search spends one round trip before the embedding starts, not three.
     */
    private static final String SCOPE_SQL =
            """
            select c.id, g.id as generation_id, g.embedding_model, g.dimension,
                   g.chunking_fingerprint, v.readable, v.total, v.configs
            from collection c
              left join index_generation g on g.id = c.generation_id
              cross join lateral (%s) v
            where c.name = :name and %s
            """
                    .formatted(
                            volumeOf("c.id", "c.generation_id"), AccessSql.collectionReadable("c"));

    private static final String VOLUME_SQL = volumeOf(":collection", ":generation");

    private final JdbcClient jdbc;

    SearchScopes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param readable passages the caller's groups may read
     * @param total passages of the generation, readable or not
     * @param textConfigs the text-search configurations its passages are indexed with
     */
    record Volume(long readable, long total, List<String> textConfigs) {}

    /**
     * @param generation the generation serving the collection; null when the collection has none
     *     yet (its first use assigns one: {@code PassageIndex.serving})
     */
    record Scope(long collectionId, IndexGeneration generation, Volume volume) {}

    /**
     * The scope of a search of the named collection by a reader marked with these passage groups;
     * empty when there is no such collection or the caller may not read it.
     */
    Optional<Scope> find(String collection, Caller caller, String[] groups) {
        return AccessSql.bind(jdbc.sql(SCOPE_SQL), caller)
                .param("name", collection)
                .param("groups", groups)
                .query(
                        (rs, row) -> {
                            IndexGeneration generation =
                                    rs.getObject("generation_id") == null
                                            ? null
                                            : IndexGeneration.read(rs, "generation_id");
                            return new Scope(
                                    rs.getLong("id"),
                                    generation,
                                    new Volume(
                                            rs.getLong("readable"),
                                            rs.getLong("total"),
                                            List.of((String[]) rs.getArray("configs").getArray())));
                        })
                .optional();
    }

    /** The generation's volume for a reader marked with these groups: one small query. */
    Volume volume(long collectionId, int generationId, String[] groups) {
        return jdbc.sql(VOLUME_SQL)
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

    private static String volumeOf(String collection, String generation) {
        return """
               select coalesce(sum(passages)
                                 filter (where access_groups && cast(:groups as text[])),
                               0) as readable,
                      coalesce(sum(passages), 0) as total,
                      array(select text_config::text from passage_volume
                            where collection_id = %1$s and generation_id = %2$s
                            group by text_config
                            having sum(passages) > 0
                            order by text_config::text) as configs
               from passage_volume
               where collection_id = %1$s and generation_id = %2$s
               """
                .formatted(collection, generation);
    }
}
