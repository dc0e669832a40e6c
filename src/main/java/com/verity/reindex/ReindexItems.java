package com.verity.reindex;

import com.verity.ingestion.PassageIndex;
import com.verity.jobs.WorkerNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A job's checkpoint: one row per document. Workers on any instance claim PENDING rows with FOR
 * UPDATE SKIP LOCKED and a short lease, renewed while the worker runs; a row whose lease ran out
 * (its worker died) is claimed again. Finished rows are never processed again, so a restarted job
 * resumes where it stopped.
 */
@Component
class ReindexItems {

    record Claimed(UUID documentId, long collectionId, int attempts, int toGeneration) {}

    private final JdbcClient jdbc;

    ReindexItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Claimed> claim(UUID job, String worker, Duration lease) {
        return jdbc.sql(
                        """
                        update reindex_item i
                        set state = 'PROCESSING', locked_by = :worker, attempts = i.attempts + 1,
                            locked_until = now() + make_interval(secs => :lease)
                        from reindex_job_collection jc
                        where jc.job_id = i.job_id and jc.collection_id = i.collection_id
                          and (i.job_id, i.document_id) = (
                            select job_id, document_id from reindex_item
                            where job_id = :job
                              and ((state = 'PENDING' and (locked_until is null or locked_until < now()))
                                   or (state = 'PROCESSING' and locked_until < now()))
                            order by collection_id, document_id
                            for update skip locked
                            limit 1)
                        returning i.document_id, i.collection_id, i.attempts, jc.to_generation_id
                        """)
                .param("job", job)
                .param("worker", worker)
                .param("lease", lease.toMillis() / 1000.0)
                .query(
                        (rs, row) ->
                                new Claimed(
                                        rs.getObject(1, UUID.class),
                                        rs.getLong(2),
                                        rs.getInt(3),
                                        rs.getInt(4)))
                .optional();
    }

    /** Extends an item's lease by another lease from now, while the worker still holds it. */
    void renew(UUID job, Claimed item, String worker, Duration lease) {
        jdbc.sql(
                        """
                        update reindex_item set locked_until = now() + make_interval(secs => :lease)
                        where job_id = :job and document_id = :document and locked_by = :worker
                          and state = 'PROCESSING'
                        """)
                .param("lease", lease.toMillis() / 1000.0)
                .param("job", job)
                .param("document", item.documentId())
                .param("worker", worker)
                .update();
    }

    /** Whether the worker still holds the item; locks it until the transaction ends. */
    boolean holds(UUID job, Claimed item, String worker) {
        return jdbc.sql(
                        """
                        select 1 from reindex_item
                        where job_id = :job and document_id = :document and locked_by = :worker
                          and state = 'PROCESSING'
                        for update
                        """)
                .param("job", job)
                .param("document", item.documentId())
                .param("worker", worker)
                .query()
                .optionalValue()
                .isPresent();
    }

    /**
     * Ends the leases of the job's items held by workers whose process on this host has ended (this
     * instance before a kill), so they are taken over now rather than when the lease runs out.
     */
    void releaseEnded(UUID job) {
        List<String> ended =
                WorkerNames.endedOnThisHost(
                        jdbc.sql(
                                        """
                                select distinct locked_by from reindex_item
                                where job_id = :job and state = 'PROCESSING'
                                """)
                                .param("job", job)
                                .query(String.class)
                                .list());
        if (ended.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        update reindex_item set locked_until = now() - interval '1 millisecond'
                        where job_id = :job and state = 'PROCESSING' and locked_by in (:ended)
                        """)
                .param("job", job)
                .param("ended", ended)
                .update();
    }

    /** Whether the worker still held the item (else another worker has taken it over). */
    boolean done(UUID job, Claimed item, String worker, PassageIndex.Built built) {
        return finish(job, item, worker, "DONE", built.passages(), built.reusedVectors(), null);
    }

    void skipped(UUID job, Claimed item, String worker, String note) {
        finish(job, item, worker, "SKIPPED", null, null, note);
    }

    void failed(UUID job, Claimed item, String worker, String error) {
        finish(job, item, worker, "FAILED", null, null, error);
    }

    /** A transient failure: another attempt after the backoff, by any worker. */
    void retryLater(UUID job, Claimed item, String worker, String error, Duration backoff) {
        jdbc.sql(
                        """
                        update reindex_item
                        set state = 'PENDING', error = :error,
                            locked_until = now() + make_interval(secs => :backoff)
                        where job_id = :job and document_id = :document and locked_by = :worker
                        """)
                .param(
                        "error",
                        "attempt %d failed, will retry: %s".formatted(item.attempts(), error))
                .param("backoff", backoff.toMillis() / 1000.0)
                .param("job", job)
                .param("document", item.documentId())
                .param("worker", worker)
                .update();
    }

    /** Hands a stopping worker's document back without counting the attempt. */
    void release(UUID job, Claimed item, String worker) {
        jdbc.sql(
                        """
                        update reindex_item
                        set state = 'PENDING', locked_until = null, attempts = greatest(attempts - 1, 0)
                        where job_id = :job and document_id = :document and locked_by = :worker
                          and state = 'PROCESSING'
                        """)
                .param("job", job)
                .param("document", item.documentId())
                .param("worker", worker)
                .update();
    }

    private boolean finish(
            UUID job,
            Claimed item,
            String worker,
            String state,
            Integer passages,
            Integer reused,
            String error) {
        // locked_by stays: it records which worker (and instance) processed the document
        return jdbc.sql(
                                """
                        update reindex_item
                        set state = :state, passages = :passages, reused = :reused, error = :error,
                            locked_until = null, finished_at = now()
                        where job_id = :job and document_id = :document and locked_by = :worker
                        """)
                        .param("state", state)
                        .param("passages", passages)
                        .param("reused", reused)
                        .param("error", error)
                        .param("job", job)
                        .param("document", item.documentId())
                        .param("worker", worker)
                        .update()
                == 1;
    }

    /**
     * When the next unfinished document may be claimed: now when one is PENDING, the earliest lease
     * end when all are held by other workers, empty when none is left.
     */
    Optional<Instant> nextClaimable(UUID job) {
        return jdbc.sql(
                        """
                        select min(coalesce(locked_until, now())) from reindex_item
                        where job_id = :job and state in ('PENDING', 'PROCESSING')
                        """)
                .param("job", job)
                .query((rs, row) -> rs.getTimestamp(1))
                .optional()
                .filter(t -> t != null)
                .map(java.sql.Timestamp::toInstant);
    }

    /**
     * Adds the documents a rebuilt collection gained while the job ran (uploads indexed into the
     * serving generation meanwhile). Returns how many were added.
     */
    int catchUp(UUID job) {
        return jdbc.sql(
                        """
                        insert into reindex_item (job_id, document_id, collection_id)
                        select jc.job_id, d.id, d.collection_id
                        from reindex_job_collection jc
                        join document d on d.collection_id = jc.collection_id
                        where jc.job_id = :job and jc.to_generation_id <> jc.from_generation_id
                          and d.status = 'INDEXED'
                          and not exists (select 1 from document_build b
                                          where b.document_id = d.id
                                            and b.generation_id = jc.to_generation_id)
                        on conflict (job_id, document_id) do nothing
                        """)
                .param("job", job)
                .update();
    }

    /** Plans a collection: every indexed or failed document, skipping what is already built. */
    int plan(UUID job, long collectionId, int fromGeneration, int toGeneration) {
        return jdbc.sql(
                        """
                        insert into reindex_item (job_id, document_id, collection_id, state, passages, finished_at)
                        select :job, d.id, d.collection_id, s.state,
                               case when s.state = 'SKIPPED' then d.chunk_count end,
                               case when s.state = 'SKIPPED' then now() end
                        from document d
                        cross join lateral (
                            select case
                                when :from = :to and d.status = 'INDEXED' then 'SKIPPED'
                                when :from <> :to and exists (
                                    select 1 from document_build b
                                    where b.document_id = d.id and b.generation_id = :to) then 'SKIPPED'
                                else 'PENDING' end as state) s
                        where d.collection_id = :collection and d.status in ('INDEXED', 'FAILED')
                        """)
                .param("job", job)
                .param("collection", collectionId)
                .param("from", fromGeneration)
                .param("to", toGeneration)
                .update();
    }
}
