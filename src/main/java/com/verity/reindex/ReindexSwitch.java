package com.verity.reindex;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.verity.ingestion.PassageIndex;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends a job whose documents are all processed: verifies each rebuilt collection's new generation
 * (every searchable document built, passage counts as recorded, sample questions finding their own
 * passage), then switches every collection of the job to its new generation in one transaction and
 * schedules the old generation's removal. A job that fails verification ends FAILED and the current
 * index keeps serving; what it built is kept for the next job to reuse.
 */
@Component
class ReindexSwitch {

    private static final Logger log = LoggerFactory.getLogger(ReindexSwitch.class);

    /** What a worker does after trying to finish. */
    record Finish(Kind kind, Instant until) {
        enum Kind {
            DONE,
            MORE_WORK,
            WAIT
        }

        static final Finish DONE = new Finish(Kind.DONE, null);
        static final Finish MORE_WORK = new Finish(Kind.MORE_WORK, null);

        static Finish waitUntil(Instant until) {
            return new Finish(Kind.WAIT, until);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ReindexJobStore jobs;
    private final ReindexItems items;
    private final PassageIndex index;
    private final ReindexVerification verification;
    private final ReindexProperties properties;
    private final ObjectProvider<SchedulerClient> scheduler;

    ReindexSwitch(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ReindexJobStore jobs,
            ReindexItems items,
            PassageIndex index,
            ReindexVerification verification,
            ReindexProperties properties,
            ObjectProvider<SchedulerClient> scheduler) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jobs = jobs;
        this.items = items;
        this.index = index;
        this.verification = verification;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    Finish tryFinish(UUID job) {
        if (jobs.state(job).filter(s -> s == ReindexState.RUNNING).isEmpty()) {
            return Finish.DONE;
        }
        Optional<Instant> next = items.nextClaimable(job);
        if (next.isPresent()) {
            return next.get().isAfter(Instant.now())
                    ? Finish.waitUntil(next.get())
                    : Finish.MORE_WORK;
        }
        if (items.catchUp(job) > 0) {
            return Finish.MORE_WORK;
        }
        List<ReindexJobStore.Step> steps = jobs.steps(job);
        ReindexVerification.Outcome checked = verification.check(steps);
        if (checked.problem().isPresent()) {
            log.warn("Re-index job {} failed verification: {}", job, checked.problem().get());
            jobs.finish(job, ReindexState.FAILED, checked.problem().get(), checked.summary());
            return Finish.DONE;
        }
        String verification = checked.summary();
        jobs.recordVerification(job, verification);
        Finish finish = transactions.execute(tx -> switchAll(job, steps, verification));
        if (finish == Finish.DONE && steps.stream().anyMatch(ReindexJobStore.Step::rebuilt)) {
            index.refreshStatistics(false);
        }
        return finish;
    }

    private Finish switchAll(UUID job, List<ReindexJobStore.Step> steps, String verification) {
        List<ReindexJobStore.Step> rebuilt =
                steps.stream().filter(ReindexJobStore.Step::rebuilt).toList();
        for (ReindexJobStore.Step step : rebuilt) {
            index.lockForSwitch(step.collectionId());
        }
        if (!jobs.lockRunning(job)) {
            return Finish.DONE;
        }
        // Uploads indexed into the serving generation after the check above: build them first.
        if (items.catchUp(job) > 0) {
            return Finish.MORE_WORK;
        }
        Instant retireAt = Instant.now().plus(properties.retireDelay());
        for (ReindexJobStore.Step step : rebuilt) {
            markUnbuiltFailed(job, step);
            index.switchTo(step.collectionId(), step.toGeneration());
        }
        scheduler.getObject().scheduleIfNotExists(ReindexTasks.retire(job), retireAt);
        jobs.finish(job, ReindexState.SUCCEEDED, null, verification);
        log.info(
                "Re-index job {} switched {} collection(s) to their new index generation",
                job,
                rebuilt.size());
        return Finish.DONE;
    }

    /** Searchable documents the new generation could not build: within the tolerance, say so. */
    private void markUnbuiltFailed(UUID job, ReindexJobStore.Step step) {
        jdbc.sql(
                        """
                        update document d
                        set status = 'FAILED',
                            error = 'could not be re-indexed: ' || coalesce(i.error, 'unknown error')
                        from reindex_item i
                        where i.job_id = :job and i.document_id = d.id and d.collection_id = :c
                          and d.status = 'INDEXED'
                          and not exists (select 1 from document_build b
                                          where b.document_id = d.id and b.generation_id = :to)
                        """)
                .param("job", job)
                .param("c", step.collectionId())
                .param("to", step.toGeneration())
                .update();
    }
}
