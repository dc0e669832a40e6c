package com.verity.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;

/**
 * Runs due job executions on this instance while the application runs. A db-scheduler {@link
 * Scheduler} cannot start again once stopped, so each start builds a new one (a context may be
 * stopped and started again, as Spring's test context cache does with idle contexts).
 */
class JobRunner implements SmartLifecycle {

    private final DataSource dataSource;
    private final List<Task<?>> known;
    private final List<RecurringTask<?>> recurring;
    private final JobsProperties properties;
    private final String instance =
            ManagementFactory.getRuntimeMXBean().getName()
                    + "/"
                    + UUID.randomUUID().toString().substring(0, 8);
    private volatile Scheduler scheduler;

    @SuppressWarnings({"unchecked", "rawtypes"})
    JobRunner(DataSource dataSource, List<Task<?>> tasks, JobsProperties properties) {
        this.dataSource = dataSource;
        // Recurring tasks are registered as start tasks, which schedules them; the rest as known.
        this.known = tasks.stream().filter(t -> !(t instanceof RecurringTask)).toList();
        this.recurring = (List) tasks.stream().filter(RecurringTask.class::isInstance).toList();
        this.properties = properties;
    }

    /** The name this instance writes into picked_by: host and process, plus a random part. */
    public String instance() {
        return instance;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public synchronized void start() {
        if (!properties.enabled() || scheduler != null) {
            return;
        }
        scheduler =
                Scheduler.create(dataSource, known)
                        .startTasks((List) recurring)
                        .threads(properties.threads())
                        .pollingInterval(properties.pollingInterval())
                        .heartbeatInterval(properties.heartbeatInterval())
                        .missedHeartbeatsLimit(properties.missedHeartbeatsLimit())
                        .shutdownMaxWait(properties.shutdownMaxWait())
                        .schedulerName(new SchedulerName.Fixed(instance))
                        .enableImmediateExecution()
                        .build();
        scheduler.start();
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
