package com.verity.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluations, their questions as they were when each started, and one checkpoint row per question
 * per model, which workers claim one at a time under a lease and complete with its result.
 */
@Repository
class EvaluationStore {

    /** An evaluation's row. */
    record Stored(
            UUID id,
            long collectionId,
            String collection,
            UUID goldenSetId,
            String goldenSet,
            List<String> models,
            String judge,
            String promptVersion,
            long seed,
            EvaluationState state,
            String createdBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            String error) {}

    /** A question for one model, held by a worker. */
    record Claimed(int position, int modelIndex, int attempts) {}

    /** A checkpoint row as the report reads it; {@code result} null until it is done. */
    record Row(int position, int modelIndex, String state, ItemResult result, String error) {}

    /** Answers done (or given up) of all, and when the last one was done. */
    record Progress(int done, int total, Instant lastDone) {}

    private static final String SELECT =
            """
            select e.*, c.name as collection from evaluation e
            join collection c on c.id = e.collection_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EvaluationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Stored e, List<GoldenItem> questions) {
        jdbc.sql(
                        """
                        insert into evaluation (id, collection_id, golden_set_id, golden_set, models,
                                                judge, prompt_version, seed, state, created_by)
                        values (:id, :c, :set, :setName, cast(:models as text[]), :judge, :prompt,
                                :seed, 'QUEUED', :by)
                        """)
                .param("id", e.id())
                .param("c", e.collectionId())
                .param("set", e.goldenSetId())
                .param("setName", e.goldenSet())
                .param("models", e.models().toArray(String[]::new))
                .param("judge", e.judge())
                .param("prompt", e.promptVersion())
                .param("seed", e.seed())
                .param("by", e.createdBy())
                .update();
        for (int position = 1; position <= questions.size(); position++) {
            jdbc.sql(
                            """
                            insert into evaluation_question (evaluation_id, position, item)
                            values (:id, :position, cast(:item as jsonb))
                            """)
                    .param("id", e.id())
                    .param("position", position)
                    .param("item", json.writeValueAsString(questions.get(position - 1)))
                    .update();
        }
        jdbc.sql(
                        """
                        insert into evaluation_item (evaluation_id, position, model_index)
                        select :id, q.position, m.i - 1
                        from evaluation_question q, generate_series(1, :models) as m(i)
                        where q.evaluation_id = :id
                        """)
                .param("id", e.id())
                .param("models", e.models().size())
                .update();
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql(SELECT + " where e.id = :id")
                .param("id", id)
                .query((rs, row) -> stored(rs))
                .optional();
    }

    /** The latest evaluations that finished with every answer, newest first. */
    List<Stored> latestSucceeded(int limit) {
        return jdbc.sql(
                        SELECT
                                + " where e.state = 'SUCCEEDED' order by e.finished_at desc limit :limit")
                .param("limit", limit)
                .query((rs, row) -> stored(rs))
                .list();
    }

    List<Stored> list(long collectionId) {
        return jdbc.sql(SELECT + " where e.collection_id = :c order by e.created_at desc")
                .param("c", collectionId)
                .query((rs, row) -> stored(rs))
                .list();
    }

    List<GoldenItem> questions(UUID id) {
        return jdbc.sql(
                        "select item from evaluation_question where evaluation_id = :id order by position")
                .param("id", id)
                .query((rs, row) -> json.readValue(rs.getString("item"), GoldenItem.class))
                .list();
    }

    /** QUEUED becomes RUNNING when the first worker starts; false when it has ended. */
    boolean start(UUID id) {
        jdbc.sql(
                        """
                        update evaluation set state = 'RUNNING', started_at = now()
                        where id = :id and state = 'QUEUED'
                        """)
                .param("id", id)
                .update();
        return find(id).map(e -> e.state() == EvaluationState.RUNNING).orElse(false);
    }

    Optional<Claimed> claim(UUID id, String worker, Duration lease) {
        return jdbc.sql(
                        """
                        update evaluation_item i
                        set state = 'RUNNING', picked_by = :worker, attempts = i.attempts + 1,
                            lease_until = now() + cast(:lease as interval)
                        from (select position, model_index from evaluation_item
                              where evaluation_id = :id
                                and (state = 'PENDING' or state = 'RUNNING')
                                and (lease_until is null or lease_until < now())
                              order by position, model_index
                              limit 1 for update skip locked) next
                        where i.evaluation_id = :id and i.position = next.position
                          and i.model_index = next.model_index
                        returning i.position, i.model_index, i.attempts
                        """)
                .param("id", id)
                .param("worker", worker)
                .param("lease", lease.toMillis() + " milliseconds")
                .query(
                        (rs, row) ->
                                new Claimed(
                                        rs.getInt("position"),
                                        rs.getInt("model_index"),
                                        rs.getInt("attempts")))
                .optional();
    }

    /** Extends the lease while the worker still holds the row. */
    void renew(UUID id, Claimed item, String worker, Duration lease) {
        held(
                "update evaluation_item set lease_until = now() + cast(:lease as interval)",
                id,
                item,
                worker,
                ":lease",
                lease.toMillis() + " milliseconds");
    }

    boolean done(UUID id, Claimed item, String worker, ItemResult result) {
        return held(
                        """
                        update evaluation_item set state = 'DONE', result = cast(:value as jsonb),
                            finished_at = now(), lease_until = null, error = null
                        """,
                        id,
                        item,
                        worker,
                        ":value",
                        json.writeValueAsString(result))
                > 0;
    }

    void failed(UUID id, Claimed item, String worker, String error) {
        held(
                """
                update evaluation_item set state = 'FAILED', error = :value, finished_at = now(),
                    lease_until = null
                """,
                id,
                item,
                worker,
                ":value",
                error);
    }

    /** Hands the row back, to be taken again after {@code delay}; uncounted when not tried. */
    void release(UUID id, Claimed item, String worker, Duration delay, boolean tried) {
        held(
                "update evaluation_item set state = 'PENDING', lease_until = now() + cast(:value as"
                        + " interval)"
                        + (tried ? "" : ", attempts = attempts - 1"),
                id,
                item,
                worker,
                ":value",
                delay.toMillis() + " milliseconds");
    }

    private int held(
            String update, UUID id, Claimed item, String worker, String name, Object value) {
        return jdbc.sql(
                        update
                                + """
                                 where evaluation_id = :id and position = :position
                                  and model_index = :model and picked_by = :worker
                                  and state = 'RUNNING'
                                """)
                .param("id", id)
                .param("position", item.position())
                .param("model", item.modelIndex())
                .param("worker", worker)
                .param(name.substring(1), value)
                .update();
    }

    /**
     * Ends a running evaluation whose every answer is done or given up: SUCCEEDED, or FAILED when
     * none could be made. True when the evaluation has ended (now or before).
     */
    boolean tryFinish(UUID id) {
        jdbc.sql(
                        """
                        update evaluation e set finished_at = now(),
                            state = case when exists (select 1 from evaluation_item
                                                      where evaluation_id = e.id and state = 'DONE')
                                         then 'SUCCEEDED' else 'FAILED' end,
                            error = case when exists (select 1 from evaluation_item
                                                      where evaluation_id = e.id and state = 'DONE')
                                         then null else 'no question could be answered: see the items' end
                        where id = :id and state = 'RUNNING'
                          and not exists (select 1 from evaluation_item
                                          where evaluation_id = :id and state in ('PENDING', 'RUNNING'))
                        """)
                .param("id", id)
                .update();
        return find(id).map(e -> e.state().ended()).orElse(true);
    }

    /** Ends an evaluation that has not ended yet; false when it had. */
    boolean end(UUID id, EvaluationState state, String error) {
        return jdbc.sql(
                                """
                                update evaluation set state = :state, error = :error,
                                    finished_at = now()
                                where id = :id and state in ('QUEUED', 'RUNNING')
                                """)
                        .param("id", id)
                        .param("state", state.name())
                        .param("error", error)
                        .update()
                > 0;
    }

    Progress progress(UUID id) {
        return jdbc.sql(
                        """
                        select count(*) filter (where state in ('DONE', 'FAILED')) as done,
                               count(*) as total, max(finished_at) as last
                        from evaluation_item where evaluation_id = :id
                        """)
                .param("id", id)
                .query(
                        (rs, row) ->
                                new Progress(
                                        rs.getInt("done"),
                                        rs.getInt("total"),
                                        instant(rs.getTimestamp("last"))))
                .single();
    }

    List<Row> rows(UUID id) {
        return jdbc.sql(
                        """
                        select position, model_index, state, result, error from evaluation_item
                        where evaluation_id = :id order by position, model_index
                        """)
                .param("id", id)
                .query(
                        (rs, row) ->
                                new Row(
                                        rs.getInt("position"),
                                        rs.getInt("model_index"),
                                        rs.getString("state"),
                                        rs.getString("result") == null
                                                ? null
                                                : json.readValue(
                                                        rs.getString("result"), ItemResult.class),
                                        rs.getString("error")))
                .list();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getObject("id", UUID.class),
                rs.getLong("collection_id"),
                rs.getString("collection"),
                rs.getObject("golden_set_id", UUID.class),
                rs.getString("golden_set"),
                List.of((String[]) rs.getArray("models").getArray()),
                rs.getString("judge"),
                rs.getString("prompt_version"),
                rs.getLong("seed"),
                EvaluationState.valueOf(rs.getString("state")),
                rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("error"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
