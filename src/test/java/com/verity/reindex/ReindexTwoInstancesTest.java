package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two instances on one database share one job: each document is processed exactly once. */
class ReindexTwoInstancesTest {

    @Test
    void twoInstancesSplitOneJobWithoutDoubleWork() {
        Map<String, Object> database = ReindexInstances.database();
        String collection = ReindexInstances.indexedWithBge(database, 30);
        Map<String, Object> minilm =
                Map.of(
                        "verity.embedding.onnx-model", ReindexInstances.MINILM,
                        "verity.reindex.workers-per-job", "2",
                        "verity.reindex.core-share", "0.01",
                        // the instance that holds the job hands its second execution back often,
                        // so the other instance gets to pick it up early in the job
                        "verity.reindex.hand-back-delay", "300ms");
        try (ConfigurableApplicationContext one = ReindexInstances.start(database, minilm);
                ConfigurableApplicationContext two = ReindexInstances.start(database, minilm)) {
            UUID job =
                    ReindexInstances.jobsWithoutLeftovers(one)
                            .start(new ReindexRequest(collection, null, false), ReindexTrigger.API)
                            .id();
            ReindexJob finished = ReindexInstances.awaitFinished(two, job);

            assertThat(finished.state()).isEqualTo(ReindexState.SUCCEEDED);
            assertThat(finished.documents().done()).isEqualTo(30);
            JdbcClient jdbc = ReindexInstances.jdbc(one);
            assertThat(
                            jdbc.sql(
                                            "select count(*) from reindex_item where job_id = :job"
                                                    + " and (attempts <> 1 or state <> 'DONE')")
                                    .param("job", job)
                                    .query(Long.class)
                                    .single())
                    .as("documents processed more than once, or not at all")
                    .isZero();
            List<String> workers =
                    jdbc.sql("select distinct locked_by from reindex_item where job_id =" + " :job")
                            .param("job", job)
                            .query(String.class)
                            .list();
            // locked_by is "<instance>/<job>#<execution>": both instances took part
            assertThat(workers.stream().map(w -> w.substring(0, w.lastIndexOf('/'))).distinct())
                    .hasSize(2);
            // the job's executions that waited their turn are gone with it
            ReindexInstances.awaitNoWaitingWork(jdbc);
            long collectionId = ReindexInstances.collectionId(one, collection);
            assertThat(
                            ReindexModelChangeTest.passagesMatchingChunkCounts(
                                    jdbc,
                                    collectionId,
                                    finished.collections().get(0).toGeneration()))
                    .isTrue();
        }
    }
}
