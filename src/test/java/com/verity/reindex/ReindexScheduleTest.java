package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** verity.reindex.schedule starts re-index jobs of every collection on its cron. */
class ReindexScheduleTest {

    @Test
    void aConfiguredCronStartsReindexJobsOfEveryCollection() {
        Map<String, Object> database = ReindexInstances.database();
        try (ConfigurableApplicationContext instance =
                ReindexInstances.start(
                        database, Map.of("verity.reindex.schedule", "*/2 * * * * *"))) {
            ReindexInstances.indexedCollection(instance, 2);
            ReindexJobs jobs = instance.getBean(ReindexJobs.class);

            ReindexInstances.await(
                    Duration.ofSeconds(30),
                    () -> jobs.recent(10).stream().anyMatch(j -> scheduledAfterUpload(j)));
            ReindexJob scheduled =
                    jobs.recent(10).stream()
                            .filter(ReindexScheduleTest::scheduledAfterUpload)
                            .findFirst()
                            .orElseThrow();
            assertThat(scheduled.collection()).isNull();
            assertThat(scheduled.reason()).contains("*/2 * * * * *");
            assertThat(scheduled.documents().skipped()).isEqualTo(2);
        }
    }

    /** A scheduled job that ran once the collection's two documents were indexed. */
    private static boolean scheduledAfterUpload(ReindexJob job) {
        return job.trigger() == ReindexTrigger.SCHEDULE
                && job.state() == ReindexState.SUCCEEDED
                && job.documents().total() == 2;
    }
}
