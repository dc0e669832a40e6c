package com.verity.assistant;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Pulls and creates run as db-scheduler executions, one per job, on whichever instance picks it; an
 * instance that dies mid-pull has its execution revived elsewhere, and Ollama resumes the download
 * where it stopped. Progress is written at most twice a second, and whenever Ollama's status line
 * changes.
 */
@Configuration(proxyBeanMethods = false)
class ModelJobTask {

    static final String NAME = "model-job";
    private static final Logger log = LoggerFactory.getLogger(ModelJobTask.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(500).toNanos();

    static TaskInstance<Void> instance(UUID job) {
        return new TaskInstance<>(NAME, job.toString());
    }

    @Bean
    Task<Void> modelJob(
            ModelJobStore jobs,
            OllamaManagement ollama,
            ModelRegistry registry,
            ModelCatalog catalog) {
        return Tasks.custom(NAME, Void.class)
                .onFailureReschedule(Schedules.fixedDelay(Duration.ofSeconds(30)))
                .onDeadExecutionRevive()
                .execute(
                        (instance, context) ->
                                run(instance, context, jobs, ollama, registry, catalog));
    }

    private static CompletionHandler<Void> run(
            TaskInstance<Void> instance,
            ExecutionContext context,
            ModelJobStore jobs,
            OllamaManagement ollama,
            ModelRegistry registry,
            ModelCatalog catalog) {
        UUID id = UUID.fromString(instance.getId());
        ModelJob job = jobs.find(id).orElse(null);
        if (job == null || job.ended()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Throttled progress = new Throttled(jobs, id);
        try {
            if ("PULL".equals(job.kind())) {
                ollama.pull(job.model(), progress::accept);
            } else {
                ollama.create(job.request(), progress::accept);
            }
            jobs.finish(id, null);
            if (registry.find(job.model()).isEmpty()) {
                registry.save(job.model(), true, ModelProfile.NONE, job.createdBy());
            }
            log.info("{} of {} succeeded", job.kind(), job.model());
        } catch (OllamaManagement.Failed | ModelUnavailableException e) {
            jobs.finish(id, e.getMessage());
            log.warn("{} of {} failed: {}", job.kind(), job.model(), e.getMessage());
        } finally {
            catalog.forget();
        }
        return new CompletionHandler.OnCompleteRemove<>();
    }

    /** Writes a progress line when the status changes or half a second has passed. */
    private static final class Throttled {
        private final ModelJobStore jobs;
        private final UUID id;
        private String status;
        private long writtenAt;

        Throttled(ModelJobStore jobs, UUID id) {
            this.jobs = jobs;
            this.id = id;
        }

        void accept(OllamaManagement.Progress progress) {
            long now = System.nanoTime();
            if (!progress.status().equals(status) || now - writtenAt >= PROGRESS_EVERY_NANOS) {
                jobs.progress(id, progress);
                status = progress.status();
                writtenAt = now;
            }
        }
    }
}
