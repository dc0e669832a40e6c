package com.verity.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.util.UUID;

/**
 * The work executions of a job that several workers share: one db-scheduler execution per worker,
 * named {@code <job id>#<worker>}, so the job's work spreads over the instances that pick them.
 */
public final class WorkExecutions {

    private WorkExecutions() {}

    public static TaskInstance<Void> of(String task, UUID job, int worker) {
        return new TaskInstance<>(task, job + "#" + worker);
    }

    public static UUID jobOf(TaskInstance<Void> instance) {
        String id = instance.getId();
        return UUID.fromString(id.substring(0, id.indexOf('#')));
    }

    /**
     * Removes an ended job's executions that wait for their turn (handed back, or parked until a
     * lease ends), so none lingers in the table; running ones end by themselves.
     */
    public static void dropWaiting(SchedulerClient scheduler, String task, UUID job) {
        String prefix = job + "#";
        scheduler.getScheduledExecutionsForTask(task).stream()
                .map(execution -> execution.getTaskInstance())
                .filter(instance -> instance.getId().startsWith(prefix))
                .forEach(
                        instance -> {
                            try {
                                scheduler.cancel(instance);
                            } catch (TaskInstanceException e) {
                                // running (it will see the job has ended) or already gone
                            }
                        });
    }
}
