package com.verity.reindex;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The reindex_job rows and what the API shows of them. */
@Component
class ReindexJobStore {

    /** A collection of a job: its generation before, and the one the job builds. */
    record Step(long collectionId, String name, int fromGeneration, int toGeneration) {
        boolean rebuilt() {
            return fromGeneration != toGeneration;
        }
    }

    private static final int MAX_ERRORS = 100;
    private static final int PACE_WINDOW_SECONDS = 60;

    private final JdbcClient jdbc;

    ReindexJobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            UUID id,
            Long collectionId,
            ReindexRequest request,
            ReindexTrigger trigger,
            String model,
            String fingerprint) {
        jdbc.sql(
                        """
                        insert into reindex_job (id, collection_id, reason, trigger, force, state,
                                                 embedding_model, chunking_fingerprint)
                        values (:id, :collection, :reason, :trigger, :force, 'RUNNING', :model, :fingerprint)
                        """)
                .param("id", id)
                .param("collection", collectionId)
                .param("reason", request.reason())
                .param("trigger", trigger.name())
                .param("force", request.forced())
                .param("model", model)
                .param("fingerprint", fingerprint)
                .update();
    }

    void insertStep(UUID job, long collectionId, int from, int to) {
        jdbc.sql(
                        """
                        insert into reindex_job_collection (job_id, collection_id, from_generation_id, to_generation_id)
                        values (:job, :collection, :from, :to)
                        """)
                .param("job", job)
                .param("collection", collectionId)
                .param("from", from)
                .param("to", to)
                .update();
    }

    Optional<UUID> running() {
        return jdbc.sql("select id from reindex_job where state = 'RUNNING'")
                .query(UUID.class)
                .optional();
    }

    Optional<ReindexState> state(UUID job) {
        return jdbc.sql("select state from reindex_job where id = :id")
                .param("id", job)
                .query((rs, row) -> ReindexState.valueOf(rs.getString(1)))
                .optional();
    }

    /** Locks a running job's row until the transaction ends; false when it is not running. */
    boolean lockRunning(UUID job) {
        return jdbc.sql("select 1 from reindex_job where id = :id and state = 'RUNNING' for update")
                .param("id", job)
                .query()
                .optionalValue()
                .isPresent();
    }

    String chunkingFingerprint(UUID job) {
        return jdbc.sql("select chunking_fingerprint from reindex_job where id = :id")
                .param("id", job)
                .query(String.class)
                .single();
    }

    List<Step> steps(UUID job) {
        return jdbc.sql(
                        """
                        select jc.collection_id, c.name, jc.from_generation_id, jc.to_generation_id
                        from reindex_job_collection jc join collection c on c.id = jc.collection_id
                        where jc.job_id = :job order by jc.collection_id
                        """)
                .param("job", job)
                .query(
                        (rs, row) ->
                                new Step(
                                        rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }

    /** Ends a running job; false when it had already ended (cancelled meanwhile, say). */
    boolean finish(UUID job, ReindexState state, String error, String verification) {
        return jdbc.sql(
                                """
                                update reindex_job
                                set state = :state, error = :error,
                                    verification = coalesce(:verification, verification),
                                    finished_at = now()
                                where id = :id and state = 'RUNNING'
                                """)
                        .param("state", state.name())
                        .param("error", error)
                        .param("verification", verification)
                        .param("id", job)
                        .update()
                > 0;
    }

    void recordVerification(UUID job, String verification) {
        jdbc.sql("update reindex_job set verification = :v where id = :id")
                .param("v", verification)
                .param("id", job)
                .update();
    }

    Optional<ReindexJob> view(UUID id) {
        return jdbc.sql(
                        """
                        select j.id, c.name, j.reason, j.trigger, j.force, j.state, j.embedding_model,
                               j.verification, j.error, j.created_at, j.finished_at,
                               count(i.document_id),
                               count(*) filter (where i.state = 'DONE'),
                               count(*) filter (where i.state = 'SKIPPED'),
                               count(*) filter (where i.state = 'FAILED'),
                               coalesce(sum(i.passages - coalesce(i.reused, 0)) filter (where i.state = 'DONE'), 0),
                               coalesce(sum(i.reused) filter (where i.state = 'DONE'), 0),
                               extract(epoch from coalesce(j.finished_at, now()) - j.created_at),
                               coalesce(sum(i.passages - coalesce(i.reused, 0)) filter (
                                   where i.state = 'DONE'
                                     and i.finished_at > now() - make_interval(secs => :window)), 0),
                               count(*) filter (where i.state in ('DONE', 'FAILED')
                                     and i.finished_at > now() - make_interval(secs => :window))
                        from reindex_job j
                        left join collection c on c.id = j.collection_id
                        left join reindex_item i on i.job_id = j.id
                        where j.id = :id
                        group by j.id, c.name
                        """)
                .param("id", id)
                .param("window", PACE_WINDOW_SECONDS)
                .query((rs, row) -> view(rs))
                .optional();
    }

    List<UUID> recent(int limit) {
        return jdbc.sql("select id from reindex_job order by created_at desc limit :limit")
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    private ReindexJob view(ResultSet rs) throws SQLException {
        UUID id = rs.getObject(1, UUID.class);
        ReindexState state = ReindexState.valueOf(rs.getString(6));
        long total = rs.getLong(12);
        long done = rs.getLong(13);
        long skipped = rs.getLong(14);
        long failed = rs.getLong(15);
        long remaining = total - done - skipped - failed;
        long embedded = rs.getLong(16);
        double elapsed = Math.max(1, rs.getDouble(18));
        double window = Math.min(PACE_WINDOW_SECONDS, elapsed);
        boolean running = state == ReindexState.RUNNING;
        double pace = running ? rs.getLong(19) / window : embedded / elapsed;
        long recentDocuments = rs.getLong(20);
        // if/else, not a ternary: one mixing long and a null Long unboxes the null
        Long eta = null;
        if (running && recentDocuments > 0) {
            eta = Math.round(remaining * window / recentDocuments);
        } else if (running && remaining == 0) {
            eta = 0L;
        }
        int percent = total == 0 ? (running ? 0 : 100) : (int) ((total - remaining) * 100 / total);
        return new ReindexJob(
                id,
                rs.getString(2),
                rs.getString(3),
                ReindexTrigger.valueOf(rs.getString(4)),
                rs.getBoolean(5),
                state,
                rs.getString(7),
                new ReindexJob.Progress(total, done, skipped, failed, remaining, percent),
                embedded,
                rs.getLong(17),
                Math.round(pace * 10) / 10.0,
                eta,
                steps(id).stream()
                        .map(
                                s ->
                                        new ReindexJob.CollectionStep(
                                                s.name(),
                                                s.fromGeneration(),
                                                s.toGeneration(),
                                                s.rebuilt()))
                        .toList(),
                errors(id),
                rs.getString(8),
                rs.getString(9),
                instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)));
    }

    private List<ReindexJob.DocumentError> errors(UUID job) {
        return jdbc.sql(
                        """
                        select i.document_id, d.filename, i.error
                        from reindex_item i join document d on d.id = i.document_id
                        where i.job_id = :job and i.error is not null
                          and i.state in ('FAILED', 'PENDING', 'PROCESSING')
                        order by i.finished_at desc nulls last limit :limit
                        """)
                .param("job", job)
                .param("limit", MAX_ERRORS)
                .query(
                        (rs, row) ->
                                new ReindexJob.DocumentError(
                                        rs.getObject(1, UUID.class),
                                        rs.getString(2),
                                        rs.getString(3)))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
