package com.verity.evaluation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.verity.jobs.WorkExecutions;
import java.time.Duration;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The evaluation module's db-scheduler task: an evaluation's work executions. */
@Configuration(proxyBeanMethods = false)
class EvaluationTasks {

    static final String WORK = "evaluation-work";

    static TaskInstance<Void> work(UUID evaluation, int worker) {
        return WorkExecutions.of(WORK, evaluation, worker);
    }

    static UUID evaluationOf(TaskInstance<Void> instance) {
        return WorkExecutions.jobOf(instance);
    }

    /** Removes an ended evaluation's executions that wait for their turn; running ones end. */
    static void dropWaitingWork(SchedulerClient scheduler, UUID evaluation) {
        WorkExecutions.dropWaiting(scheduler, WORK, evaluation);
    }

    @Bean
    Task<Void> evaluationWorkTask(EvaluationWorker worker) {
        return Tasks.custom(WORK, Void.class)
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofSeconds(30)))
                .onDeadExecutionRevive()
                .execute(worker::run);
    }
}
