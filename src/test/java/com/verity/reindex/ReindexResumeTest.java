package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A job whose instance stops half-way resumes from its checkpoint when the service starts again:
 * documents done before the stop are not processed again, and no passage is written twice.
 */
class ReindexResumeTest {

    private record Done(String lockedBy, Instant finishedAt) {}

    @Test
    void aJobStoppedHalfWayResumesAfterARestartWithoutRedoingOrDuplicatingWork() {
        Map<String, Object> database = ReindexInstances.database();
        String collection = ReindexInstances.indexedWithBge(database, 30);
        Map<String, Object> minilm =
                Map.of(
                        "verity.embedding.onnx-model", ReindexInstances.MINILM,
                        "verity.reindex.workers-per-job", "1",
                        "verity.reindex.core-share", "0.01");

        UUID job;
        Map<UUID, Done> doneBeforeStop;
        try (ConfigurableApplicationContext first = ReindexInstances.start(database, minilm)) {
            ReindexJobs jobs = ReindexInstances.jobsWithoutLeftovers(first);
            job = jobs.start(new ReindexRequest(collection, null, false), ReindexTrigger.CLI).id();
            ReindexInstances.await(
                    Duration.ofSeconds(120), () -> jobs.get(job).documents().done() >= 3);
            assertThat(jobs.get(job).state()).isEqualTo(ReindexState.RUNNING);
        }
        try (ConfigurableApplicationContext stopped =
                ReindexInstances.start(
                        database,
                        Map.of(
                                "verity.jobs.enabled",
                                "false",
                                "verity.embedding.onnx-model",
                                ReindexInstances.MINILM))) {
            doneBeforeStop = done(ReindexInstances.jdbc(stopped), job);
            ReindexJob halfWay = stopped.getBean(ReindexJobs.class).get(job);
            assertThat(halfWay.state()).isEqualTo(ReindexState.RUNNING);
            assertThat(halfWay.documents().done()).isEqualTo(doneBeforeStop.size());
            assertThat(halfWay.documents().remaining()).isPositive();
        }

        try (ConfigurableApplicationContext second = ReindexInstances.start(database, minilm)) {
            ReindexJob finished = ReindexInstances.awaitFinished(second, job);
            assertThat(finished.state()).isEqualTo(ReindexState.SUCCEEDED);
            assertThat(finished.documents().done()).isEqualTo(30);

            JdbcClient jdbc = ReindexInstances.jdbc(second);
            Map<UUID, Done> doneAfter = done(jdbc, job);
            assertThat(doneAfter).containsAllEntriesOf(doneBeforeStop);
            assertThat(
                            jdbc.sql("select max(attempts) from reindex_item where job_id = :job")
                                    .param("job", job)
                                    .query(Integer.class)
                                    .single())
                    .isEqualTo(1);
            long collectionId = ReindexInstances.collectionId(second, collection);
            int serving = finished.collections().get(0).toGeneration();
            assertThat(
                            ReindexModelChangeTest.passagesMatchingChunkCounts(
                                    jdbc, collectionId, serving))
                    .isTrue();
        }
    }

    private static Map<UUID, Done> done(JdbcClient jdbc, UUID job) {
        return jdbc.sql(
                        """
                        select document_id, locked_by, finished_at from reindex_item
                        where job_id = :job and state = 'DONE'
                        """)
                .param("job", job)
                .query(
                        rs -> {
                            Map<UUID, Done> done = new java.util.HashMap<>();
                            while (rs.next()) {
                                done.put(
                                        rs.getObject(1, UUID.class),
                                        new Done(rs.getString(2), rs.getTimestamp(3).toInstant()));
                            }
                            return done;
                        });
    }
}
