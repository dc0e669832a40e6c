package com.verity.ingestion;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Folds the full-text statistics' change rows on one instance at a time, every {@code
 * verity.ingestion.statistics-fold-interval}: searches sum fewer rows, and their figures are exact
 * either way.
 */
@Configuration(proxyBeanMethods = false)
class PassageStatisticsTask {

    static final String FOLD = "passage-statistics-fold";

    /** The statistics come lazily: the scheduler they would run in is built from these tasks. */
    @Bean
    Task<Void> passageStatisticsFoldTask(
            IngestionProperties properties, ObjectProvider<PassageStatistics> statistics) {
        return Tasks.recurring(FOLD, Schedules.fixedDelay(properties.statisticsFoldInterval()))
                .execute((instance, context) -> statistics.getObject().fold());
    }
}
