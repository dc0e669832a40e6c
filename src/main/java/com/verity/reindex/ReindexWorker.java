package com.verity.reindex;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.verity.ingestion.DocumentRejectedException;
import com.verity.ingestion.IndexGeneration;
import com.verity.ingestion.PassageIndex;
import com.verity.jobs.Heartbeats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One execution of a job's work, on whichever instance picked it: claims documents one at a time,
 * builds each into the job's generation, and records the outcome on its checkpoint row, until none
 * is left; then tries to finish the job. A stopping instance hands its execution back at the next
 * document boundary, so another instance (or this one after a restart) carries on from there.
 */
@Component
class ReindexWorker {

    private static final Logger log = LoggerFactory.getLogger(ReindexWorker.class);
    private static final Duration MISMATCH_RETRY = Duration.ofMinutes(1);

    /**
     * Jobs this instance works on: one execution per job per instance, so a job's other executions
     * go to other instances (spreading the work) and one instance's share of cores holds.
     */
    private final Set<UUID> working = ConcurrentHashMap.newKeySet();

    private final ReindexJobStore jobs;
    private final ReindexItems items;
    private final ReindexSwitch finisher;
    private final PassageIndex index;
    private final ReindexEmbedders embedders;
    private final ReindexProperties properties;
    private final Heartbeats heartbeats;
    private final Counter passages;

    ReindexWorker(
            ReindexJobStore jobs,
            ReindexItems items,
            ReindexSwitch finisher,
            PassageIndex index,
            ReindexEmbedders embedders,
            ReindexProperties properties,
            Heartbeats heartbeats,
            MeterRegistry meters) {
        this.passages =
                Counter.builder("verity.reindex.passages")
                        .description("Passages re-index jobs wrote into their new generations")
                        .register(meters);
        this.heartbeats = heartbeats;
        this.jobs = jobs;
        this.items = items;
        this.finisher = finisher;
        this.index = index;
        this.embedders = embedders;
        this.properties = properties;
    }

    CompletionHandler<Void> run(TaskInstance<Void> instance, ExecutionContext context) {
        UUID job = ReindexTasks.jobOf(instance);
        String worker =
                java.util.Objects.requireNonNullElse(context.getExecution().pickedBy, "worker")
                        + "/"
                        + instance.getId();
        if (!jobs.state(job).map(s -> s == ReindexState.RUNNING).orElse(false)) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        String ours = index.configuredRecipe().chunkingFingerprint();
        if (!ours.equals(jobs.chunkingFingerprint(job))) {
            // Another instance with other chunking settings started the job: leave it to those.
            log.warn(
                    "Re-index job {} chunks documents differently than this instance is configured"
                            + " to; leaving it to instances configured like the one that started it",
                    job);
            return rescheduleAt(Instant.now().plus(MISMATCH_RETRY));
        }
        if (!working.add(job)) {
            // Handed back for a while, so that an instance without work for this job picks it.
            return rescheduleAt(Instant.now().plus(properties.handBackDelay()));
        }
        try {
            return work(job, worker, context);
        } finally {
            working.remove(job);
        }
    }

    private CompletionHandler<Void> work(UUID job, String worker, ExecutionContext context) {
        Map<Integer, IndexGeneration> targets = new HashMap<>();
        // A forced rebuild starts from the documents alone; any other reuses unchanged vectors.
        boolean reuseVectors = !jobs.forced(job);
        items.releaseEnded(job);
        while (true) {
            if (context.getSchedulerState().isShuttingDown()) {
                return rescheduleAt(Instant.now());
            }
            if (!jobs.state(job).map(s -> s == ReindexState.RUNNING).orElse(false)) {
                return new CompletionHandler.OnCompleteRemove<>();
            }
            Optional<ReindexItems.Claimed> claimed = items.claim(job, worker, properties.lease());
            if (claimed.isPresent()) {
                ReindexItems.Claimed item = claimed.get();
                IndexGeneration target =
                        targets.computeIfAbsent(item.toGeneration(), index::generation);
                process(job, item, target, worker, reuseVectors);
                continue;
            }
            ReindexSwitch.Finish finish = finisher.tryFinish(job);
            switch (finish.kind()) {
                case DONE -> {
                    ReindexTasks.dropWaitingWork(context.getSchedulerClient(), job);
                    return new CompletionHandler.OnCompleteRemove<>();
                }
                case MORE_WORK -> {}
                case WAIT -> {
                    return rescheduleAt(finish.until());
                }
            }
        }
    }

    private void process(
            UUID job,
            ReindexItems.Claimed item,
            IndexGeneration target,
            String worker,
            boolean reuseVectors) {
        try (Heartbeats.Beat beat =
                heartbeats.keep(
                        properties.lease(),
                        () -> items.renew(job, item, worker, properties.lease()))) {
            Optional<PassageIndex.Built> built =
                    index.build(
                            item.documentId(),
                            target,
                            embedders.forGeneration(target),
                            reuseVectors,
                            () -> items.holds(job, item, worker));
            if (built.isPresent()) {
                if (items.done(job, item, worker, built.get())) {
                    passages.increment(built.get().passages());
                }
            } else {
                items.skipped(job, item, worker, null);
            }
        } catch (DocumentRejectedException e) {
            items.failed(job, item, worker, e.getMessage());
        } catch (RuntimeException e) {
            if (item.attempts() >= properties.maxAttempts()) {
                log.warn("Re-index of document {} failed for good", item.documentId(), e);
                items.failed(
                        job,
                        item,
                        worker,
                        "gave up after %d attempts: %s".formatted(item.attempts(), e.getMessage()));
            } else {
                log.warn("Re-index of document {} failed; will retry", item.documentId(), e);
                items.retryLater(
                        job,
                        item,
                        worker,
                        String.valueOf(e.getMessage()),
                        properties.retryBackoff().multipliedBy(1L << (item.attempts() - 1)));
            }
        }
    }

    private static CompletionHandler<Void> rescheduleAt(Instant when) {
        return (complete, operations) -> operations.reschedule(complete, when);
    }
}
