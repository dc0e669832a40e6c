package com.verity.assistant;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The daily retention job, on one instance at {@code verity.retention.cron}. */
@Configuration(proxyBeanMethods = false)
class RetentionTasks {

    static final String DAILY = "retention-daily";

    @Bean
    Task<Void> retentionDaily(Retention retention, RetentionProperties properties) {
        return Tasks.recurring(DAILY, Schedules.cron(properties.cron()))
                .execute((instance, context) -> retention.run(null));
    }
}
