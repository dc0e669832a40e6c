package com.verity.assistant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations and their turns in PostgreSQL. Each turn is the audit record of one answer; a
 * NOT_FOUND turn also becomes a content gap for admins.
 */
@Repository
class ConversationStore {

    /** Where a conversation belongs. */
    record Owner(UUID id, long collectionId, String collection) {}

    /** An earlier exchange, as the follow-up rewrite sees it. */
    record Exchange(String question, String answer) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConversationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Owner> owner(UUID id) {
        return jdbc.sql(
                        """
                        select v.id, v.collection_id, c.name
                        from conversation v join collection c on c.id = v.collection_id
                        where v.id = :id
                        """)
                .param("id", id)
                .query((rs, row) -> new Owner(id, rs.getLong(2), rs.getString(3)))
                .optional();
    }

    /** The last {@code turns} exchanges, oldest first; the question is the standalone one. */
    List<Exchange> history(UUID conversation, int turns) {
        return jdbc.sql(
                        """
                        select question, answer from (
                            select coalesce(standalone_question, question) as question,
                                   coalesce(answer, '') as answer, ordinal
                            from turn where conversation_id = :id
                            order by ordinal desc limit :turns) last
                        order by ordinal
                        """)
                .param("id", conversation)
                .param("turns", turns)
                .query((rs, row) -> new Exchange(rs.getString(1), rs.getString(2)))
                .list();
    }

    /**
     * Records a turn, and a content gap when it was NOT_FOUND, in one transaction; returns the
     * turn's number in its conversation.
     */
    @Transactional
    int record(
            long collectionId,
            boolean newConversation,
            String question,
            Answer answer,
            Double bestSimilarity,
            OllamaGateway.Generation generation) {
        if (newConversation) {
            jdbc.sql("insert into conversation (id, collection_id) values (:id, :collection)")
                    .param("id", answer.conversationId())
                    .param("collection", collectionId)
                    .update();
        }
        jdbc.sql("select 1 from conversation where id = :id for update")
                .param("id", answer.conversationId())
                .query()
                .singleValue();
        long[] turn =
                jdbc.sql(
                                """
                                insert into turn (conversation_id, ordinal, question, standalone_question,
                                                  answer, mode, notice, model, prompt_version, passages,
                                                  citations, unsupported, best_similarity, prompt_tokens,
                                                  answer_tokens, retrieval_ms, first_token_ms,
                                                  generation_ms, total_ms)
                                values (:conversation,
                                        (select coalesce(max(ordinal), 0) + 1 from turn
                                         where conversation_id = :conversation),
                                        :question, :standalone, :answer, :mode, :notice, :model,
                                        :promptVersion, cast(:passages as jsonb),
                                        cast(:citations as jsonb), cast(:unsupported as jsonb),
                                        :similarity, :promptTokens, :answerTokens, :retrievalMs,
                                        :firstTokenMs, :generationMs, :totalMs)
                                returning id, ordinal
                                """)
                        .param("conversation", answer.conversationId())
                        .param("question", question)
                        .param("standalone", answer.standaloneQuestion())
                        .param("answer", answer.answer())
                        .param("mode", answer.mode().name())
                        .param("notice", answer.notice())
                        .param("model", answer.model())
                        .param("promptVersion", answer.promptVersion())
                        .param("passages", json.writeValueAsString(answer.passages()))
                        .param("citations", json.writeValueAsString(answer.citations()))
                        .param("unsupported", json.writeValueAsString(answer.unsupported()))
                        .param("similarity", bestSimilarity)
                        .param(
                                "promptTokens",
                                generation == null ? null : generation.promptTokens())
                        .param(
                                "answerTokens",
                                generation == null ? null : generation.answerTokens())
                        .param("retrievalMs", answer.timings().retrievalMs())
                        .param("firstTokenMs", answer.timings().firstTokenMs())
                        .param("generationMs", answer.timings().generationMs())
                        .param("totalMs", answer.timings().totalMs())
                        .query((rs, row) -> new long[] {rs.getLong(1), rs.getInt(2)})
                        .single();
        jdbc.sql("update conversation set updated_at = now() where id = :id")
                .param("id", answer.conversationId())
                .update();
        if (answer.mode() == AnswerMode.NOT_FOUND) {
            jdbc.sql(
                            """
                            insert into content_gap (collection_id, turn_id, question, best_similarity)
                            values (:collection, :turn, :question, :similarity)
                            """)
                    .param("collection", collectionId)
                    .param("turn", turn[0])
                    .param(
                            "question",
                            answer.standaloneQuestion() != null
                                    ? answer.standaloneQuestion()
                                    : question)
                    .param("similarity", bestSimilarity)
                    .update();
        }
        return (int) turn[1];
    }

    /** Rates a turn: +1 helpful, -1 not; false when there is no such turn. */
    boolean rate(UUID conversation, int ordinal, int rating, String comment) {
        return jdbc.sql(
                                """
                                update turn set rating = :rating, rating_comment = :comment, rated_at = now()
                                where conversation_id = :conversation and ordinal = :ordinal
                                """)
                        .param("rating", rating)
                        .param("comment", comment)
                        .param("conversation", conversation)
                        .param("ordinal", ordinal)
                        .update()
                > 0;
    }

    Insight insight(long collectionId, String collection, int days) {
        String scope =
                """
                from turn t join conversation v on v.id = t.conversation_id
                where v.collection_id = :collection and t.created_at > now() - make_interval(days => :days)
                """;
        List<Insight.Day> perDay =
                jdbc.sql(
                                "select (t.created_at at time zone 'UTC')::date, count(*) "
                                        + scope
                                        + " group by 1 order by 1")
                        .param("collection", collectionId)
                        .param("days", days)
                        .query(
                                (rs, row) ->
                                        new Insight.Day(
                                                rs.getObject(1, java.time.LocalDate.class),
                                                rs.getLong(2)))
                        .list();
        java.util.Map<AnswerMode, Long> modes = new java.util.EnumMap<>(AnswerMode.class);
        for (AnswerMode mode : AnswerMode.values()) {
            modes.put(mode, 0L);
        }
        jdbc.sql("select t.mode, count(*) " + scope + " group by 1")
                .param("collection", collectionId)
                .param("days", days)
                .query((rs, row) -> modes.put(AnswerMode.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        java.util.Map<String, Double> latency = new java.util.LinkedHashMap<>();
        jdbc.sql(
                        """
                        select percentile_cont(0.5) within group (order by t.total_ms),
                               percentile_cont(0.95) within group (order by t.total_ms),
                               percentile_cont(0.99) within group (order by t.total_ms)
                        """
                                + scope
                                + " and t.model is not null and t.mode <> 'NOT_FOUND'")
                .param("collection", collectionId)
                .param("days", days)
                .query(
                        (rs, row) -> {
                            latency.put("p50", rs.getObject(1, Double.class));
                            latency.put("p95", rs.getObject(2, Double.class));
                            latency.put("p99", rs.getObject(3, Double.class));
                            return latency;
                        })
                .single();
        long[] ratings =
                jdbc.sql(
                                "select count(*) filter (where t.rating = 1), count(*) filter (where t.rating = -1) "
                                        + scope)
                        .param("collection", collectionId)
                        .param("days", days)
                        .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                        .single();
        return new Insight(collection, days, perDay, modes, latency, ratings[0], ratings[1]);
    }

    /** NOT_FOUND answers (content gaps) or answers rated down, newest first. */
    List<ReviewItem> toReview(long collectionId, boolean ratedDown, int limit) {
        return jdbc.sql(
                        """
                        select t.* from turn t join conversation v on v.id = t.conversation_id
                        where v.collection_id = :collection
                          and (case when :ratedDown then t.rating = -1 else t.mode = 'NOT_FOUND' end)
                        order by coalesce(case when :ratedDown then t.rated_at end, t.created_at) desc
                        limit :limit
                        """)
                .param("collection", collectionId)
                .param("ratedDown", ratedDown)
                .param("limit", limit)
                .query(
                        (rs, row) ->
                                new ReviewItem(
                                        rs.getObject("conversation_id", UUID.class),
                                        rs.getInt("ordinal"),
                                        rs.getString("question"),
                                        rs.getString("standalone_question"),
                                        AnswerMode.valueOf(rs.getString("mode")),
                                        rs.getString("answer"),
                                        json.readTree(rs.getString("passages")),
                                        nullableInt(rs, "rating"),
                                        rs.getString("rating_comment"),
                                        rs.getObject("created_at", OffsetDateTime.class)
                                                .toInstant()))
                .list();
    }

    List<ConversationSummary> recent(long collectionId, int limit) {
        return jdbc.sql(
                        """
                        select v.id, c.name, first.question, count(t.id), v.updated_at
                        from conversation v join collection c on c.id = v.collection_id
                          join turn t on t.conversation_id = v.id
                          join turn first on first.conversation_id = v.id and first.ordinal = 1
                        where v.collection_id = :collection
                        group by v.id, c.name, first.question, v.updated_at
                        order by v.updated_at desc limit :limit
                        """)
                .param("collection", collectionId)
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

    Optional<ConversationView> view(UUID id) {
        return owner(id)
                .map(
                        owner -> {
                            List<TurnView> turns =
                                    jdbc.sql(
                                                    "select * from turn where conversation_id = :id order by ordinal")
                                            .param("id", id)
                                            .query((rs, row) -> turn(rs))
                                            .list();
                            Instant created =
                                    jdbc.sql("select created_at from conversation where id = :id")
                                            .param("id", id)
                                            .query(OffsetDateTime.class)
                                            .single()
                                            .toInstant();
                            return new ConversationView(id, owner.collection(), created, turns);
                        });
    }

    List<ContentGap> gaps(long collectionId, int limit) {
        return jdbc.sql(
                        """
                        select g.id, c.name, g.question, g.best_similarity, t.conversation_id,
                               g.created_at
                        from content_gap g join collection c on c.id = g.collection_id
                          left join turn t on t.id = g.turn_id
                        where g.collection_id = :collection
                        order by g.created_at desc, g.id desc limit :limit
                        """)
                .param("collection", collectionId)
                .param("limit", limit)
                .query(
                        (rs, row) ->
                                new ContentGap(
                                        rs.getLong(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getObject(4, Double.class),
                                        rs.getObject(5, UUID.class),
                                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private TurnView turn(ResultSet rs) throws SQLException {
        return new TurnView(
                rs.getInt("ordinal"),
                rs.getString("question"),
                rs.getString("standalone_question"),
                rs.getString("answer"),
                AnswerMode.valueOf(rs.getString("mode")),
                rs.getString("notice"),
                rs.getString("model"),
                rs.getString("prompt_version"),
                json.readTree(rs.getString("citations")),
                json.readTree(rs.getString("passages")),
                json.readTree(rs.getString("unsupported")),
                new Timings(
                        rs.getLong("retrieval_ms"),
                        nullableLong(rs, "first_token_ms"),
                        nullableLong(rs, "generation_ms"),
                        rs.getLong("total_ms")),
                nullableInt(rs, "rating"),
                rs.getString("rating_comment"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
