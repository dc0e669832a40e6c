package com.verity.assistant;

import com.verity.security.AccessSql;
import com.verity.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the caller's own conversations: nobody else's exists for them. A turn that drew on
 * documents the caller can no longer read is shown without its answer and passages.
 */
@Repository
class ConversationReads {

    /** A conversation of the caller's and the collection it is about. */
    record Owned(UUID id, long collectionId, String collection) {}

    static final String WITHHELD =
            "This answer drew on documents you can no longer read; it is not shown.";

    private final JdbcClient jdbc;
    private final TurnJson json;

    ConversationReads(JdbcClient jdbc, TurnJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The caller's conversation, while they may still read its collection. */
    Optional<Owned> owned(UUID id, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select v.id, v.collection_id, c.name
                                from conversation v join collection c on c.id = v.collection_id
                                where v.id = :id and v.owner_id = :owner and %s
                                """
                                        .formatted(AccessSql.collectionReadable("c"))),
                        caller)
                .param("id", id)
                .param("owner", caller.userId())
                .query((rs, row) -> new Owned(id, rs.getLong(2), rs.getString(3)))
                .optional();
    }

    /**
     * The last {@code turns} exchanges the caller may still read, oldest first; the question is the
     * standalone one.
     */
    List<Exchange> history(UUID conversation, int turns, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select question, answer from (
                                    select coalesce(t.standalone_question, t.question) as question,
                                           coalesce(t.answer, '') as answer, t.ordinal
                                    from turn t where t.conversation_id = :id and %s
                                    order by t.ordinal desc limit :turns) last
                                order by ordinal
                                """
                                        .formatted(TurnAccess.READABLE)),
                        caller)
                .param("id", conversation)
                .param("turns", turns)
                .query((rs, row) -> new Exchange(rs.getString(1), rs.getString(2)))
                .list();
    }

    Optional<ConversationView> view(UUID id, Caller caller) {
        return owned(id, caller)
                .map(
                        owned -> {
                            List<TurnView> turns =
                                    AccessSql.bind(
                                                    jdbc.sql(
                                                            "select t.*, %s as readable from turn t"
                                                                            .formatted(
                                                                                    TurnAccess
                                                                                            .READABLE)
                                                                    + " where t.conversation_id = :id"
                                                                    + " order by t.ordinal"),
                                                    caller)
                                            .param("id", id)
                                            .query((rs, row) -> turn(rs))
                                            .list();
                            return new ConversationView(
                                    id,
                                    owned.collection(),
                                    jdbc.sql("select created_at from conversation where id = :id")
                                            .param("id", id)
                                            .query(OffsetDateTime.class)
                                            .single()
                                            .toInstant(),
                                    turns);
                        });
    }

    /** The caller's most recently active conversations in a collection. */
    List<ConversationSummary> recent(long collectionId, Caller caller, int limit) {
        return jdbc.sql(
                        """
                        select v.id, c.name, first.question, count(t.id), v.updated_at
                        from conversation v join collection c on c.id = v.collection_id
                          join turn t on t.conversation_id = v.id
                          join turn first on first.conversation_id = v.id and first.ordinal = 1
                        where v.collection_id = :collection and v.owner_id = :owner
                        group by v.id, c.name, first.question, v.updated_at
                        order by v.updated_at desc limit :limit
                        """)
                .param("collection", collectionId)
                .param("owner", caller.userId())
                .param("limit", limit)
                .query(
                        (rs, row) ->
                                new ConversationSummary(
                                        rs.getObject(1, UUID.class),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getInt(4),
                                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    private TurnView turn(ResultSet rs) throws SQLException {
        boolean readable = rs.getBoolean("readable");
        return new TurnView(
                rs.getInt("ordinal"),
                rs.getString("question"),
                rs.getString("standalone_question"),
                readable ? rs.getString("answer") : null,
                AnswerMode.valueOf(rs.getString("mode")),
                readable ? rs.getString("notice") : WITHHELD,
                rs.getString("model"),
                rs.getString("prompt_version"),
                readable ? json.citations(rs.getString("citations")) : List.of(),
                readable ? json.passages(rs.getString("passages")) : List.of(),
                readable ? json.unsupported(rs.getString("unsupported")) : List.of(),
                new Timings(
                        rs.getLong("retrieval_ms"),
                        Columns.nullableLong(rs, "first_token_ms"),
                        Columns.nullableLong(rs, "generation_ms"),
                        rs.getLong("total_ms")),
                Columns.nullableInt(rs, "rating"),
                rs.getString("rating_comment"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
