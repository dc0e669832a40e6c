package com.verity.assistant;

import com.verity.security.AccessSql;
import com.verity.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The turns that wait for an editor: NEEDS_REVIEW (escalation failed), rated down, NOT_FOUND; each
 * until an editor publishes a verified answer for it or dismisses it. Only turns whose documents
 * the editor may read are shown ({@link TurnAccess}).
 */
@Repository
class ReviewQueries {

    private static final TypeReference<List<Map<String, Object>>> ATTEMPTS =
            new TypeReference<>() {};

    private static final String QUEUED =
            """
            select t.*, c.name as collection_name,
                   case when t.mode = 'NEEDS_REVIEW' then 'ESCALATED'
                        when t.rating = -1 then 'RATED_DOWN' else 'NOT_FOUND' end as reason
            from turn t join conversation v on v.id = t.conversation_id
              join collection c on c.id = v.collection_id
            where t.reviewed_at is null
              and (t.mode = 'NEEDS_REVIEW' or t.rating = -1 or t.mode = 'NOT_FOUND')
              and %s
            """
                    .formatted(TurnAccess.READABLE);

    private final JdbcClient jdbc;
    private final TurnJson json;
    private final JsonMapper mapper;

    ReviewQueries(JdbcClient jdbc, TurnJson json, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.json = json;
        this.mapper = mapper;
    }

    /** The collection's queue, newest first; {@code reason} null: every reason. */
    List<QueuedTurn> queue(long collectionId, String reason, int limit, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                "select * from ("
                                        + QUEUED
                                        + " and v.collection_id = :collection) q"
                                        + " where cast(:reason as text) is null or q.reason = :reason"
                                        + " order by q.created_at desc limit :limit"),
                        caller)
                .param("collection", collectionId)
                .param("reason", reason)
                .param("limit", limit)
                .query(this::queued)
                .list();
    }

    /** One queued turn of a collection the caller reviews. */
    Optional<QueuedTurn> find(long turnId, Caller caller) {
        return AccessSql.bind(jdbc.sql(QUEUED + " and t.id = :turn"), caller)
                .param("turn", turnId)
                .query(this::queued)
                .optional();
    }

    /** The collection a turn belongs to, whether or not it is queued (null: no such turn). */
    Optional<Long> collectionOf(long turnId) {
        return jdbc.sql(
                        "select v.collection_id from turn t join conversation v on v.id = t.conversation_id"
                                + " where t.id = :turn")
                .param("turn", turnId)
                .query(Long.class)
                .optional();
    }

    /** Takes a turn out of the queue; false when it was not in it. */
    boolean markReviewed(long turnId, String outcome, String by) {
        return jdbc.sql(
                                """
                                update turn set reviewed_at = now(), reviewed_by = :by, review_outcome = :outcome
                                where id = :turn and reviewed_at is null
                                """)
                        .param("turn", turnId)
                        .param("by", by)
                        .param("outcome", outcome)
                        .update()
                > 0;
    }

    private QueuedTurn queued(ResultSet rs, int row) throws SQLException {
        return new QueuedTurn(
                rs.getLong("id"),
                rs.getString("reason"),
                rs.getString("collection_name"),
                rs.getObject("conversation_id", UUID.class),
                rs.getInt("ordinal"),
                rs.getString("question"),
                rs.getString("standalone_question"),
                AnswerMode.valueOf(rs.getString("mode")),
                rs.getString("answer"),
                rs.getString("model"),
                mapper.readValue(rs.getString("attempts"), ATTEMPTS),
                json.passages(rs.getString("passages")),
                Columns.nullableInt(rs, "rating"),
                rs.getString("rating_comment"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
