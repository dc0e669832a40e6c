package com.verity.sync;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The folder-sync module's db-scheduler tasks: the sync of one source, and the scheduled sync of
 * every source (verity.folder-sync.schedule).
 */
@Configuration(proxyBeanMethods = false)
class FolderSyncTasks {

    static final String SYNC = "folder-sync";
    static final String SCHEDULED = "folder-sync-scheduled";

    /** A disabled schedule in db-scheduler's cron syntax: removes an earlier one from the table. */
    private static final String NO_SCHEDULE = "-";

    /**
     * The sync of one source. Its instance id is the source's name, so at most one execution per
     * source exists across all instances.
     */
    static TaskInstance<Void> sync(String source) {
        return new TaskInstance<>(SYNC, source);
    }

    /**
     * A one-time execution: removed once its run has ended, handed back when the instance stops
     * mid-run, revived on another instance when this one dies. An error escaping the runner (the
     * database went away) retries the run a minute later.
     */
    @Bean
    Task<Void> folderSyncTask(FolderSyncRunner runner) {
        return Tasks.custom(SYNC, Void.class)
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofMinutes(1)))
                .onDeadExecutionRevive()
                .execute(runner::run);
    }

    /** Beans that start runs come lazily: the scheduler they use is built from these tasks. */
    @Bean
    Task<Void> folderSyncScheduledTask(
            FolderSyncProperties properties, ObjectProvider<FolderSync> sync) {
        String cron = properties.schedule().isEmpty() ? NO_SCHEDULE : properties.schedule();
        return Tasks.recurring(SCHEDULED, Schedules.cron(cron))
                .execute((instance, context) -> sync.getObject().startAll());
    }
}
