package com.verity.sync;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One execution of a source's sync, on whichever instance picked it: runs the source's queued run
 * and records how it ended. A stopping instance hands the run back between two files; it starts
 * over on the next instance (files stored meanwhile are then unchanged and skipped).
 */
@Component
class FolderSyncRunner {

    private static final Logger log = LoggerFactory.getLogger(FolderSyncRunner.class);

    private final FolderSyncProperties properties;
    private final FolderSyncRunStore runs;
    private final SourceSync sync;

    FolderSyncRunner(FolderSyncProperties properties, FolderSyncRunStore runs, SourceSync sync) {
        this.properties = properties;
        this.runs = runs;
        this.sync = sync;
    }

    CompletionHandler<Void> run(TaskInstance<Void> instance, ExecutionContext context) {
        String name = instance.getId();
        Optional<UUID> active = runs.active(name);
        if (active.isEmpty()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        UUID run = active.get();
        RunTally tally = new RunTally();
        Optional<FolderSyncProperties.Source> source = properties.source(name);
        if (source.isEmpty()) {
            runs.finish(
                    run,
                    FolderSyncState.FAILED,
                    tally,
                    ("source '%s' is not configured on the instance that picked the run (%s);"
                                    + " give every instance the same verity.folder-sync.sources")
                            .formatted(name, context.getExecution().pickedBy));
            return new CompletionHandler.OnCompleteRemove<>();
        }
        runs.start(run);
        log.info("Folder sync of {} started (run {})", name, run);
        try {
            if (!sync.sync(source.get(), run, tally, context.getSchedulerState()::isShuttingDown)) {
                runs.requeue(run);
                log.info("Folder sync of {} handed back: this instance is stopping", name);
                return (complete, operations) -> operations.reschedule(complete, Instant.now());
            }
            runs.finish(run, FolderSyncState.SUCCEEDED, tally, null);
            log.info(
                    "Folder sync of {} done: {} added, {} changed, {} unchanged, {} removed,"
                            + " {} failed",
                    name,
                    tally.added,
                    tally.changed,
                    tally.unchanged,
                    tally.removed,
                    tally.failed);
        } catch (FolderUnavailableException e) {
            log.warn("Folder sync of {} failed: {}", name, e.getMessage());
            runs.finish(run, FolderSyncState.FAILED, tally, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Folder sync of {} failed", name, e);
            runs.finish(run, FolderSyncState.FAILED, tally, "unexpected error: " + e);
        }
        runs.prune(name);
        return new CompletionHandler.OnCompleteRemove<>();
    }
}
