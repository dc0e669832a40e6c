package com.verity.sync;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.verity.collection.CollectionCatalog;
import com.verity.security.AuditLog;
import com.verity.security.AuditType;
import com.verity.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configured folder sources, their runs, and starting one: the module's public facade.
 *
 * <p>Starting a run records it (QUEUED) and schedules the source's sync execution in one
 * transaction; the execution's instance id is the source's name, so a source has at most one
 * waiting or running sync across all instances.
 *
 * <p>A caller sees the sources whose collection they may edit (admins: every source); any other is
 * answered as unknown.
 */
@Service
public class FolderSync {

    private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
    private static final int MAX_RUNS_LISTED = 100;

    private final FolderSyncProperties properties;
    private final FolderSyncRunStore runs;
    private final FolderSyncHistory history;
    private final SchedulerClient scheduler;
    private final TransactionTemplate transactions;
    private final CollectionCatalog collections;
    private final AuditLog audit;

    FolderSync(
            FolderSyncProperties properties,
            FolderSyncRunStore runs,
            FolderSyncHistory history,
            SchedulerClient scheduler,
            TransactionTemplate transactions,
            CollectionCatalog collections,
            AuditLog audit) {
        this.properties = properties;
        this.runs = runs;
        this.history = history;
        this.scheduler = scheduler;
        this.transactions = transactions;
        this.collections = collections;
        this.audit = audit;
    }

    public List<FolderSource> sources(Caller caller) {
        return properties.sources().stream()
                .filter(source -> visible(source, caller))
                .map(this::view)
                .toList();
    }

    public FolderSource source(String name, Caller caller) {
        return view(require(name, caller));
    }

    /**
     * Queues a sync of the source for a caller who may edit its collection.
     *
     * @throws FolderSyncException 404 for an unknown source, 409 while one is queued or running
     */
    public FolderSyncRun start(String name, Caller caller) {
        FolderSyncRun run = start(require(name, caller).name(), FolderSyncTrigger.API);
        audit.record(
                AuditType.SYNC_STARTED, caller, name, java.util.Map.of("run", run.id().toString()));
        return run;
    }

    private FolderSyncRun start(String name, FolderSyncTrigger trigger) {
        FolderSyncProperties.Source source = require(name);
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> queue(source, id, trigger));
        log.info("Folder sync of {} requested ({}): run {}", name, trigger, id);
        return run(name, id);
    }

    private void queue(FolderSyncProperties.Source source, UUID id, FolderSyncTrigger trigger) {
        String name = source.name();
        runs.lockSource(name);
        TaskInstanceId execution = FolderSyncTasks.sync(name);
        Optional<UUID> active = runs.active(name);
        if (active.isPresent()) {
            if (scheduler.getScheduledExecution(execution).isPresent()) {
                throw FolderSyncException.alreadyRunning(name, active.get());
            }
            runs.finish(
                    active.get(),
                    FolderSyncState.FAILED,
                    new RunTally(),
                    "its job execution disappeared from scheduled_tasks; run "
                            + id
                            + " replaced it");
        }
        runs.insert(id, name, source.collection(), trigger);
        if (!scheduler.scheduleIfNotExists(FolderSyncTasks.sync(name), Instant.now())) {
            // The previous run ended but its execution is not removed yet.
            throw FolderSyncException.finishing(name);
        }
    }

    /** The scheduled sync: queues every source that has no run queued or running. */
    void startAll() {
        for (FolderSyncProperties.Source source : properties.sources()) {
            try {
                start(source.name(), FolderSyncTrigger.SCHEDULE);
            } catch (FolderSyncException e) {
                log.info("Scheduled sync of {} skipped: {}", source.name(), e.getMessage());
            }
        }
    }

    public FolderSyncRun run(String name, UUID id, Caller caller) {
        require(name, caller);
        return run(name, id);
    }

    private FolderSyncRun run(String name, UUID id) {
        return history.find(name, id).orElseThrow(() -> FolderSyncException.runNotFound(name, id));
    }

    /** The source's runs, newest first. */
    public List<FolderSyncRun> runs(String name, int limit, Caller caller) {
        require(name, caller);
        return history.recent(name, Math.max(1, Math.min(limit, MAX_RUNS_LISTED)));
    }

    private FolderSyncProperties.Source require(String name, Caller caller) {
        FolderSyncProperties.Source source = require(name);
        if (!visible(source, caller)) {
            throw FolderSyncException.unknownSource(
                    name,
                    properties.sources().stream()
                            .filter(s -> visible(s, caller))
                            .map(FolderSyncProperties.Source::name)
                            .toList());
        }
        return source;
    }

    private boolean visible(FolderSyncProperties.Source source, Caller caller) {
        return caller.isAdmin() || collections.editable(source.collection(), caller);
    }

    private FolderSyncProperties.Source require(String name) {
        return properties
                .source(name)
                .orElseThrow(() -> FolderSyncException.unknownSource(name, properties.names()));
    }

    private FolderSource view(FolderSyncProperties.Source source) {
        return new FolderSource(
                source.name(),
                source.collection(),
                source.path(),
                source.include(),
                source.exclude(),
                source.allowEmpty(),
                source.accessGroups(),
                source.language(),
                history.recent(source.name(), 1).stream().findFirst().orElse(null));
    }
}
