package com.verity.reindex;

import com.verity.ingestion.PassageIndex;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Removes what an ended job left behind, once per job: after a switch the generations its
 * collections were served by, after a cancel the ones it was building. The passage table's
 * statistics and indexes are refreshed once at the end, not once per collection.
 */
@Component
class ReindexRetirement {

    private static final Logger log = LoggerFactory.getLogger(ReindexRetirement.class);

    private final ReindexJobStore jobs;
    private final PassageIndex index;
    private final ReindexProperties properties;

    ReindexRetirement(ReindexJobStore jobs, PassageIndex index, ReindexProperties properties) {
        this.jobs = jobs;
        this.index = index;
        this.properties = properties;
    }

    void retire(UUID job) {
        ReindexState state = jobs.state(job).orElse(null);
        if (state != ReindexState.SUCCEEDED && state != ReindexState.CANCELLED) {
            return;
        }
        long deleted = 0;
        for (ReindexJobStore.Step step : jobs.steps(job)) {
            if (step.rebuilt()) {
                int leftBehind =
                        state == ReindexState.SUCCEEDED
                                ? step.fromGeneration()
                                : step.toGeneration();
                deleted += index.retire(step.collectionId(), leftBehind, properties.retireBatch());
            }
        }
        if (deleted > 0) {
            index.refreshStatistics(true);
        }
        log.info(
                "Retired what re-index job {} ({}) left behind: {} passages deleted",
                job,
                state,
                deleted);
    }
}
