package com.verity.assistant;

import com.verity.security.AccessSql;
import com.verity.security.Caller;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a collection's editors review: how its questions went (counts per day and mode, latency,
 * ratings), its content gaps and the answers rated down. An item that drew on documents the
 * reviewer may not read is left out.
 */
@Repository
class InsightQueries {

    /** The collection's turns of the period that the reviewer may see (their counts too). */
    private static final String SCOPE =
            """
            from turn t join conversation v on v.id = t.conversation_id
            where v.collection_id = :collection and t.created_at > now() - make_interval(days => :days)
              and %s
            """
                    .formatted(TurnAccess.READABLE);

    private final JdbcClient jdbc;
    private final TurnJson json;

    InsightQueries(JdbcClient jdbc, TurnJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Insight insight(long collectionId, String collection, int days, Caller caller) {
        List<Insight.Day> perDay =
                scoped(
                                "select (t.created_at at time zone 'UTC')::date, count(*) "
                                        + SCOPE
                                        + " group by 1 order by 1",
                                collectionId,
                                days,
                                caller)
                        .query(
                                (rs, row) ->
                                        new Insight.Day(
                                                rs.getObject(1, LocalDate.class), rs.getLong(2)))
                        .list();
        Map<AnswerMode, Long> modes = new EnumMap<>(AnswerMode.class);
        for (AnswerMode mode : AnswerMode.values()) {
            modes.put(mode, 0L);
        }
        scoped("select t.mode, count(*) " + SCOPE + " group by 1", collectionId, days, caller)
                .query((rs, row) -> modes.put(AnswerMode.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        Map<String, Double> latency = new LinkedHashMap<>();
        scoped(
                        """
                        select percentile_cont(0.5) within group (order by t.total_ms),
                               percentile_cont(0.95) within group (order by t.total_ms),
                               percentile_cont(0.99) within group (order by t.total_ms)
                        """
                                + SCOPE
                                + " and t.model is not null and t.mode <> 'NOT_FOUND'",
                        collectionId,
                        days,
                        caller)
                .query(
                        (rs, row) -> {
                            latency.put("p50", rs.getObject(1, Double.class));
                            latency.put("p95", rs.getObject(2, Double.class));
                            latency.put("p99", rs.getObject(3, Double.class));
                            return latency;
                        })
                .single();
        long[] ratings =
                scoped(
                                "select count(*) filter (where t.rating = 1), count(*) filter (where t.rating = -1) "
                                        + SCOPE,
                                collectionId,
                                days,
                                caller)
                        .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                        .single();
        return new Insight(collection, days, perDay, modes, latency, ratings[0], ratings[1]);
    }

    private JdbcClient.StatementSpec scoped(
            String sql, long collectionId, int days, Caller caller) {
        return AccessSql.bind(jdbc.sql(sql), caller)
                .param("collection", collectionId)
                .param("days", days);
    }

    /** The collection's model usage per day and model, from {@code from} to {@code to}. */
    List<ModelUsage> usage(long collectionId, LocalDate from, LocalDate to) {
        return jdbc.sql(
                        """
                        select day, model, answers, prompt_tokens, completion_tokens, generation_ms
                        from model_usage
                        where collection_id = :collection and day between :from and :to
                        order by day, model
                        """)
                .param("collection", collectionId)
                .param("from", from)
                .param("to", to)
                .query(
                        (rs, row) ->
                                new ModelUsage(
                                        rs.getObject("day", LocalDate.class),
                                        rs.getString("model"),
                                        rs.getLong("answers"),
                                        rs.getLong("prompt_tokens"),
                                        rs.getLong("completion_tokens"),
                                        rs.getLong("generation_ms") / 1000.0))
                .list();
    }

    /** NOT_FOUND answers (content gaps) or answers rated down, newest first. */
    List<ReviewItem> toReview(long collectionId, boolean ratedDown, int limit, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select t.* from turn t join conversation v on v.id = t.conversation_id
                                where v.collection_id = :collection
                                  and (case when :ratedDown then t.rating = -1 else t.mode = 'NOT_FOUND' end)
                                  and %s
                                order by coalesce(case when :ratedDown then t.rated_at end, t.created_at) desc
                                limit :limit
                                """
                                        .formatted(TurnAccess.READABLE)),
                        caller)
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
                                        json.passages(rs.getString("passages")),
                                        Columns.nullableInt(rs, "rating"),
                                        rs.getString("rating_comment"),
                                        rs.getObject("created_at", OffsetDateTime.class)
                                                .toInstant()))
                .list();
    }

    /** Answers rated helpful that cite something and have no unsupported sentence, newest first. */
    List<HelpfulAnswer> helpful(long collectionId, int limit, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select coalesce(t.standalone_question, t.question) as question, t.answer,
                                       array(select distinct c->>'filename'
                                             from jsonb_array_elements(t.citations) c) as documents,
                                       t.rated_at, t.passages, t.prompt_version, t.id
                                from turn t join conversation v on v.id = t.conversation_id
                                where v.collection_id = :collection and t.rating = 1
                                  and t.mode = 'ANSWERED' and jsonb_array_length(t.citations) > 0
                                  and jsonb_array_length(coalesce(t.unsupported, '[]'::jsonb)) = 0
                                  and %s
                                order by t.rated_at desc limit :limit
                                """
                                        .formatted(TurnAccess.READABLE)),
                        caller)
                .param("collection", collectionId)
                .param("limit", limit)
                .query(
                        (rs, row) ->
                                new HelpfulAnswer(
                                        rs.getString("question"),
                                        rs.getString("answer"),
                                        List.of((String[]) rs.getArray("documents").getArray()),
                                        rs.getObject("rated_at", OffsetDateTime.class).toInstant(),
                                        json.passages(rs.getString("passages")),
                                        rs.getString("prompt_version"),
                                        rs.getLong("id")))
                .list();
    }

    /** The collection's content gaps, newest first. */
    List<ContentGap> gaps(long collectionId, int limit, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select g.id, c.name, g.question, g.best_similarity, t.conversation_id,
                                       g.created_at
                                from content_gap g join collection c on c.id = g.collection_id
                                  left join turn t on t.id = g.turn_id
                                where g.collection_id = :collection
                                  and (t.id is null or %s)
                                order by g.created_at desc, g.id desc limit :limit
                                """
                                        .formatted(TurnAccess.READABLE)),
                        caller)
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
}
