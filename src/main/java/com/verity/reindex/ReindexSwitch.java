package com.verity.reindex;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.pgvector.PGvector;
import com.verity.embedding.Embedder;
import com.verity.ingestion.IndexBuilder;
import com.verity.ingestion.IndexGeneration;
import com.verity.ingestion.IndexGenerations;
import java.time.Instant;
import java.util.ArrayList;
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
    private static final int SAMPLE_TOP = 10;
    private static final int SAMPLE_QUERY_CHARS = 300;

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
    private final IndexGenerations generations;
    private final IndexBuilder builder;
    private final ReindexEmbedders embedders;
    private final ReindexProperties properties;
    private final ObjectProvider<SchedulerClient> scheduler;

    ReindexSwitch(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ReindexJobStore jobs,
            ReindexItems items,
            IndexGenerations generations,
            IndexBuilder builder,
            ReindexEmbedders embedders,
            ReindexProperties properties,
            ObjectProvider<SchedulerClient> scheduler) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jobs = jobs;
        this.items = items;
        this.generations = generations;
        this.builder = builder;
        this.embedders = embedders;
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
        Optional<String> problem = Optional.empty();
        List<String> checks = new ArrayList<>();
        for (ReindexJobStore.Step step : steps) {
            problem = verify(job, step, checks);
            if (problem.isPresent()) {
                break;
            }
        }
        String verification = String.join("; ", checks);
        if (problem.isPresent()) {
            log.warn("Re-index job {} failed verification: {}", job, problem.get());
            jobs.finish(job, ReindexState.FAILED, problem.get(), verification);
            return Finish.DONE;
        }
        jobs.recordVerification(job, verification);
        Finish finish = transactions.execute(tx -> switchAll(job, steps, verification));
        if (finish == Finish.DONE && steps.stream().anyMatch(ReindexJobStore.Step::rebuilt)) {
            generations.refreshStatistics(false);
        }
        return finish;
    }

    private Finish switchAll(UUID job, List<ReindexJobStore.Step> steps, String verification) {
        List<ReindexJobStore.Step> rebuilt =
                steps.stream().filter(ReindexJobStore.Step::rebuilt).toList();
        for (ReindexJobStore.Step step : rebuilt) {
            generations.lockForSwitch(step.collectionId());
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
            builder.applyBuilds(step.collectionId(), step.toGeneration());
            generations.switchTo(step.collectionId(), step.toGeneration());
            scheduler
                    .getObject()
                    .scheduleIfNotExists(
                            ReindexTasks.retire(step.collectionId(), step.fromGeneration()),
                            retireAt);
        }
        jobs.finish(job, ReindexState.SUCCEEDED, null, verification);
        log.info(
                "Re-index job {} switched {} collection(s) to their new index generation",
                job,
                rebuilt.size());
        return Finish.DONE;
    }

    private Optional<String> verify(UUID job, ReindexJobStore.Step step, List<String> checks) {
        if (!step.rebuilt()) {
            checks.add(step.name() + ": index unchanged");
            return Optional.empty();
        }
        long regressions = regressions(job, step);
        if (regressions > properties.maxFailedDocuments()) {
            return Optional.of(
                    ("%s: %d searchable document(s) could not be re-indexed (see errors; at most %d"
                                    + " allowed by verity.reindex.max-failed-documents). The"
                                    + " current index keeps serving. Fix or delete them and start"
                                    + " the job again: it reuses what was built.")
                            .formatted(step.name(), regressions, properties.maxFailedDocuments()));
        }
        long mismatched = mismatchedCounts(step);
        if (mismatched > 0) {
            return Optional.of(
                    "%s: %d document(s) have another number of passages than was recorded"
                            .formatted(step.name(), mismatched));
        }
        IndexGeneration target = generations.get(step.toGeneration());
        int[] found = sampleQueries(step, embedders.forGeneration(target));
        checks.add(
                "%s: every document built, passage counts match, %d of %d sample questions found their passage's document in the top %d"
                        .formatted(step.name(), found[0], found[1], SAMPLE_TOP));
        if (found[1] > 0 && found[0] < Math.ceil(found[1] * properties.sampleMinHitRate())) {
            return Optional.of(
                    ("%s: only %d of %d sample questions found their own passage in the new"
                                    + " index; the current index keeps serving")
                            .formatted(step.name(), found[0], found[1]));
        }
        return Optional.empty();
    }

    /** Documents searchable now that have no build in the new generation (their item failed). */
    private long regressions(UUID job, ReindexJobStore.Step step) {
        return jdbc.sql(
                        """
                        select count(*) from document d
                        where d.collection_id = :c and d.status = 'INDEXED'
                          and not exists (select 1 from document_build b
                                          where b.document_id = d.id and b.generation_id = :to)
                        """)
                .param("c", step.collectionId())
                .param("to", step.toGeneration())
                .query(Long.class)
                .single();
    }

    private long mismatchedCounts(ReindexJobStore.Step step) {
        return jdbc.sql(
                        """
                        select count(*) from document_build b join document d on d.id = b.document_id
                        where d.collection_id = :c and b.generation_id = :to
                          and b.passages <> (select count(*) from passage p
                                             where p.document_id = b.document_id
                                               and p.generation_id = :to)
                        """)
                .param("c", step.collectionId())
                .param("to", step.toGeneration())
                .query(Long.class)
                .single();
    }

    /** Searches the new generation for sample passages' own text: {found, asked}. */
    private int[] sampleQueries(ReindexJobStore.Step step, Embedder embedder) {
        record Sample(String text, UUID documentId) {}
        List<Sample> samples =
                jdbc.sql(
                                """
                                select left(search_text, :chars), document_id from passage
                                where collection_id = :c and generation_id = :to
                                order by random() limit :n
                                """)
                        .param("chars", SAMPLE_QUERY_CHARS)
                        .param("c", step.collectionId())
                        .param("to", step.toGeneration())
                        .param("n", properties.sampleQueries())
                        .query(
                                (rs, row) ->
                                        new Sample(rs.getString(1), rs.getObject(2, UUID.class)))
                        .list();
        int found = 0;
        for (Sample sample : samples) {
            PGvector question = new PGvector(embedder.embedQuery(sample.text()));
            Boolean hit =
                    transactions.execute(
                            tx -> {
                                jdbc.sql(
                                                "select set_config('hnsw.iterative_scan',"
                                                        + " 'relaxed_order', true)")
                                        .query()
                                        .singleValue();
                                return jdbc.sql(
                                                """
                                                select :doc in (
                                                    select document_id from passage
                                                    where collection_id = :c and generation_id = :to
                                                    order by embedding <=> :q limit :top)
                                                """)
                                        .param("doc", sample.documentId())
                                        .param("c", step.collectionId())
                                        .param("to", step.toGeneration())
                                        .param("q", question)
                                        .param("top", SAMPLE_TOP)
                                        .query(Boolean.class)
                                        .single();
                            });
            if (Boolean.TRUE.equals(hit)) {
                found++;
            }
        }
        return new int[] {found, samples.size()};
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
