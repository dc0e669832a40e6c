package com.verity.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs due job executions on this instance while the application runs. A db-scheduler {@link
 * Scheduler} cannot start again once stopped, so each start builds a new one (a context may be
 * stopped and started again, as Spring's test context cache does with idle contexts).
 */
class JobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final DataSource dataSource;
    private final List<Task<?>> known;
    private final List<RecurringTask<?>> recurring;
    private final JobsProperties properties;
    private final String instance = WorkerNames.newInstance();
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
        reviveExecutionsOfEndedPredecessors();
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

    /**
     * Executions picked by an instance that ran in a process of this host that has ended (this
     * instance before it was killed) are marked dead at once, for db-scheduler's own dead-execution
     * check to revive on its next round, instead of after the missed heartbeats.
     */
    private void reviveExecutionsOfEndedPredecessors() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> ended =
                WorkerNames.endedOnThisHost(
                        jdbc.sql("select distinct picked_by from scheduled_tasks where picked")
                                .query(String.class)
                                .list());
        if (ended.isEmpty()) {
            return;
        }
        int revived =
                jdbc.sql(
                                """
                                update scheduled_tasks set last_heartbeat = to_timestamp(0)
                                where picked and picked_by in (:ended)
                                """)
                        .param("ended", ended)
                        .update();
        log.info("{} job executions of ended instances {} will be resumed", revived, ended);
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
