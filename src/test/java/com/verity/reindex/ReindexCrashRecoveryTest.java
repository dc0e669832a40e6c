package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker that died without handing anything back (a killed process): its execution stops sending
 * heartbeats and the document it held keeps a lease. Another instance revives the execution, takes
 * the document over when the lease has run out, and completes the job.
 */
class ReindexCrashRecoveryTest {

    @Test
    void aKilledWorkersExecutionAndDocumentAreTakenOverAndTheJobCompletes() {
        Map<String, Object> database = ReindexInstances.database();
        String collection;
        UUID job;
        UUID held;
        try (ConfigurableApplicationContext crashed =
                ReindexInstances.start(database, Map.of("verity.jobs.enabled", "false"))) {
            collection = ReindexInstances.indexedCollection(crashed, 6);
            job =
                    ReindexInstances.jobsWithoutLeftovers(crashed)
                            .start(new ReindexRequest(collection, null, true), ReindexTrigger.API)
                            .id();
            JdbcClient jdbc = ReindexInstances.jdbc(crashed);
            // What a killed instance leaves: an execution picked long ago that stopped beating,
            // and a document it was building whose lease has run out.
            jdbc.sql(
                            """
                            update scheduled_tasks
                            set picked = true, picked_by = 'killed-instance',
                                last_heartbeat = now() - interval '1 hour'
                            where task_name = 'reindex-work' and task_instance = :instance
                            """)
                    .param("instance", job + "#1")
                    .update();
            held =
                    jdbc.sql(
                                    """
                                    update reindex_item set state = 'PROCESSING', attempts = 1,
                                        locked_by = 'killed-instance/' || job_id || '#1',
                                        locked_until = now() - interval '1 second'
                                    where job_id = :job and document_id = (
                                        select min(document_id::text)::uuid from reindex_item
                                        where job_id = :job)
                                    returning document_id
                                    """)
                            .param("job", job)
                            .query(UUID.class)
                            .single();
        }

        try (ConfigurableApplicationContext survivor =
                ReindexInstances.start(
                        database,
                        Map.of(
                                "verity.jobs.heartbeat-interval", "1s",
                                "verity.jobs.missed-heartbeats-limit", "4"))) {
            ReindexJob finished = ReindexInstances.awaitFinished(survivor, job);

            assertThat(finished.state()).isEqualTo(ReindexState.SUCCEEDED);
            assertThat(finished.documents().done()).isEqualTo(6);
            JdbcClient jdbc = ReindexInstances.jdbc(survivor);
            assertThat(
                            jdbc.sql(
                                            "select attempts, locked_by from reindex_item where"
                                                    + " job_id = :job and document_id = :held")
                                    .param("job", job)
                                    .param("held", held)
                                    .query((rs, row) -> rs.getInt(1) + " " + rs.getString(2))
                                    .single())
                    .startsWith("2 ")
                    .doesNotContain("killed-instance");
            // the job's executions that waited their turn are gone with it
            ReindexInstances.awaitNoWaitingWork(jdbc);
            long collectionId = ReindexInstances.collectionId(survivor, collection);
            assertThat(
                            ReindexModelChangeTest.passagesMatchingChunkCounts(
                                    jdbc,
                                    collectionId,
                                    finished.collections().get(0).toGeneration()))
                    .isTrue();
        }
    }
}
