package com.verity.reindex;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.verity.collection.CollectionCatalog;
import com.verity.ingestion.IndexGeneration;
import com.verity.ingestion.IndexRecipe;
import com.verity.ingestion.PassageIndex;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts, follows and cancels re-index jobs: the module's public facade.
 *
 * <p>Starting a job plans it in one transaction: the job, each collection's generation before and
 * after, one checkpoint row per document, and the job's work executions in db-scheduler's table. A
 * collection whose embedding model and chunking did not change keeps its generation and only its
 * failed documents are processed; any other is rebuilt into a new generation beside the serving
 * one, reusing what an earlier unfinished job already built.
 */
@Service
public class ReindexJobs {

    private static final Logger log = LoggerFactory.getLogger(ReindexJobs.class);
    private static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CollectionCatalog collections;
    private final PassageIndex index;
    private final ReindexJobStore jobs;
    private final ReindexItems items;
    private final ReindexProperties properties;
    private final SchedulerClient scheduler;
    private final AuditLog audit;

    ReindexJobs(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            CollectionCatalog collections,
            PassageIndex index,
            ReindexJobStore jobs,
            ReindexItems items,
            ReindexProperties properties,
            SchedulerClient scheduler,
            AuditLog audit) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.collections = collections;
        this.index = index;
        this.jobs = jobs;
        this.items = items;
        this.properties = properties;
        this.scheduler = scheduler;
        this.audit = audit;
    }

    /**
     * Plans and starts a job.
     *
     * @throws ReindexException (409) when a job is already running
     */
    public ReindexJob start(ReindexRequest request, ReindexTrigger trigger) {
        return start(request, trigger, null);
    }

    /**
     * Plans and starts a job on a user's request; the audit log records who started it.
     *
     * @param actor the user, null for the service itself (schedule, command line)
     * @throws ReindexException (409) when a job is already running
     */
    public ReindexJob start(ReindexRequest request, ReindexTrigger trigger, Caller actor) {
        if (request.reason() != null && request.reason().length() > MAX_REASON) {
            throw ReindexException.reasonTooLong(MAX_REASON);
        }
        String collection =
                request.collection() == null || request.collection().isBlank()
                        ? null
                        : request.collection().strip();
        Long collectionId = collection == null ? null : collections.requireId(collection);
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(
                tx -> {
                    plan(id, collectionId, request, trigger);
                    audit.record(
                            AuditType.REINDEX_STARTED,
                            actor,
                            collection == null ? "all collections" : collection,
                            java.util.Map.of(
                                    "job", id.toString(),
                                    "trigger", trigger.name(),
                                    "force", request.forced(),
                                    "reason", request.reason() == null ? "" : request.reason()));
                });
        log.info(
                "Re-index job {} started ({}, {}): {}",
                id,
                collection == null ? "all collections" : collection,
                trigger,
                request.reason());
        return get(id);
    }

    private void plan(UUID id, Long collectionId, ReindexRequest request, ReindexTrigger trigger) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('verity.reindex.start'))")
                .query()
                .singleValue();
        jobs.running()
                .ifPresent(
                        running -> {
                            throw ReindexException.alreadyRunning(running);
                        });
        IndexRecipe recipe = index.configuredRecipe();
        jobs.insert(
                id,
                collectionId,
                request,
                trigger,
                recipe.embeddingModel(),
                recipe.chunkingFingerprint());
        List<Long> scope = collectionId != null ? List.of(collectionId) : collections.ids();
        IndexGeneration building = null;
        for (long collection : scope) {
            IndexGeneration serving = index.serving(collection);
            boolean unchanged =
                    serving.embeddingModel().equals(recipe.embeddingModel())
                            && serving.chunkingFingerprint().equals(recipe.chunkingFingerprint());
            IndexGeneration target = serving;
            if (request.forced() || !unchanged) {
                if (building == null) {
                    building = index.building(recipe, request.forced());
                }
                target = building;
            }
            jobs.insertStep(id, collection, serving.id(), target.id());
            items.plan(id, collection, serving.id(), target.id());
        }
        Instant now = Instant.now();
        for (int worker = 1; worker <= properties.workersPerJob(); worker++) {
            scheduler.schedule(ReindexTasks.work(id, worker), now);
        }
    }

    public ReindexJob get(UUID id) {
        return jobs.view(id).orElseThrow(() -> ReindexException.notFound(id));
    }

    public List<ReindexJob> recent(int limit) {
        return jobs.recent(Math.max(1, Math.min(limit, 100))).stream()
                .map(jobs::view)
                .flatMap(Optional::stream)
                .toList();
    }

    public Optional<ReindexJob> running() {
        return jobs.running().flatMap(jobs::view);
    }

    /**
     * Stops a running job. The serving index is untouched; what the job built is discarded, since a
     * cancelled build is not one to resume.
     */
    public ReindexJob cancel(UUID id) {
        return cancel(id, null);
    }

    /** Cancels a running job on a user's request (null: the service itself). */
    public ReindexJob cancel(UUID id, Caller actor) {
        transactions.executeWithoutResult(
                tx -> {
                    audit.record(
                            AuditType.REINDEX_CANCELLED, actor, id.toString(), java.util.Map.of());
                    if (!jobs.lockRunning(id)) {
                        ReindexState state =
                                jobs.state(id).orElseThrow(() -> ReindexException.notFound(id));
                        throw ReindexException.notRunning(id, state);
                    }
                    jobs.finish(id, ReindexState.CANCELLED, "cancelled", null);
                    for (ReindexJobStore.Step step : jobs.steps(id)) {
                        if (step.rebuilt()) {
                            index.abandon(step.collectionId(), step.toGeneration());
                        }
                    }
                    scheduler.scheduleIfNotExists(ReindexTasks.retire(id), Instant.now());
                });
        ReindexTasks.dropWaitingWork(scheduler, id);
        log.info("Re-index job {} cancelled", id);
        return get(id);
    }
}
