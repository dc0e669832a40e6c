package com.verity.reindex;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.verity.jobs.WorkExecutions;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The re-index module's db-scheduler tasks: a job's work executions, the removal of what an ended
 * job left behind, and the scheduled re-index (verity.reindex.schedule).
 */
@Configuration(proxyBeanMethods = false)
class ReindexTasks {

    private static final Logger log = LoggerFactory.getLogger(ReindexTasks.class);

    static final String WORK = "reindex-work";
    static final String RETIRE = "reindex-retire";
    static final String SCHEDULED = "reindex-scheduled";

    /** A disabled schedule in db-scheduler's cron syntax: removes an earlier one from the table. */
    private static final String NO_SCHEDULE = "-";

    static TaskInstance<Void> work(UUID job, int worker) {
        return WorkExecutions.of(WORK, job, worker);
    }

    static UUID jobOf(TaskInstance<Void> instance) {
        return WorkExecutions.jobOf(instance);
    }

    /** Removes a finished job's work executions that wait for their turn. */
    static void dropWaitingWork(SchedulerClient scheduler, UUID job) {
        WorkExecutions.dropWaiting(scheduler, WORK, job);
    }

    /** Removes what the ended job left behind (see {@link ReindexRetirement}). */
    static TaskInstance<Void> retire(UUID job) {
        return new TaskInstance<>(RETIRE, job.toString());
    }

    @Bean
    Task<Void> reindexWorkTask(ReindexWorker worker) {
        return Tasks.custom(WORK, Void.class)
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofSeconds(30)))
                .onDeadExecutionRevive()
                .execute(worker::run);
    }

    @Bean
    Task<Void> reindexRetireTask(ReindexRetirement retirement) {
        return Tasks.oneTime(RETIRE, Void.class)
                .onDeadExecutionRevive()
                .execute(
                        (instance, context) ->
                                retirement.retire(UUID.fromString(instance.getId())));
    }

    /** Beans that start jobs come lazily: the scheduler they use is built from these tasks. */
    @Bean
    Task<Void> reindexScheduledTask(
            ReindexProperties properties, ObjectProvider<ReindexJobs> jobs) {
        String cron =
                properties.schedule() == null || properties.schedule().isBlank()
                        ? NO_SCHEDULE
                        : properties.schedule().strip();
        return Tasks.recurring(SCHEDULED, Schedules.cron(cron))
                .execute(
                        (instance, context) -> {
                            try {
                                jobs.getObject()
                                        .start(
                                                new ReindexRequest(
                                                        null, "scheduled (" + cron + ")", false),
                                                ReindexTrigger.SCHEDULE);
                            } catch (ReindexException e) {
                                log.info("Scheduled re-index skipped: {}", e.getMessage());
                            }
                        });
    }
}
