package com.verity.evaluation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Blind comparisons and their votes. */
@Repository
class ArenaStore {

    /** A comparison as its asker may see it once voted. */
    record Stored(
            UUID id,
            long collectionId,
            String modelA,
            String modelB,
            long askedBy,
            String winner) {}

    /** The votes between two models of a collection, as stored (winner A or B, tie, both-bad). */
    record Vote(String modelA, String modelB, String winner) {}

    private final JdbcClient jdbc;

    ArenaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, long collectionId, String question, String a, String b, long askedBy) {
        jdbc.sql(
                        """
                        insert into comparison (id, collection_id, question, model_a, model_b, asked_by)
                        values (:id, :c, :q, :a, :b, :by)
                        """)
                .param("id", id)
                .param("c", collectionId)
                .param("q", question)
                .param("a", a)
                .param("b", b)
                .param("by", askedBy)
                .update();
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql(
                        "select id, collection_id, model_a, model_b, asked_by, winner from comparison where id = :id")
                .param("id", id)
                .query(
                        (rs, row) ->
                                new Stored(
                                        rs.getObject("id", UUID.class),
                                        rs.getLong("collection_id"),
                                        rs.getString("model_a"),
                                        rs.getString("model_b"),
                                        rs.getLong("asked_by"),
                                        rs.getString("winner")))
                .optional();
    }

    /** Records the vote once; false when the comparison was already voted on. */
    boolean vote(UUID id, String winner) {
        return jdbc.sql(
                                """
                                update comparison set winner = :w, voted_at = now()
                                where id = :id and winner is null
                                """)
                        .param("id", id)
                        .param("w", winner)
                        .update()
                > 0;
    }

    List<Vote> votes(long collectionId) {
        return jdbc.sql(
                        """
                        select model_a, model_b, winner from comparison
                        where collection_id = :c and winner is not null
                        """)
                .param("c", collectionId)
                .query(
                        (rs, row) ->
                                new Vote(
                                        rs.getString("model_a"),
                                        rs.getString("model_b"),
                                        rs.getString("winner")))
                .list();
    }
}
