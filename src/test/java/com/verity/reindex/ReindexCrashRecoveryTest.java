package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A worker that died without handing anything back (a killed process): its execution stops sending
 * heartbeats and the document it held keeps a lease. Another instance revives the execution, takes
 * the document over when the lease has run out, and completes the job; when the dead worker ran on
 * the same host, the next instance there takes both over at once.
 */
class ReindexCrashRecoveryTest {

    private record Crash(Map<String, Object> database, String collection, UUID job, UUID held) {}

    @Test
    void aKilledWorkersExecutionAndDocumentAreTakenOverAndTheJobCompletes() {
        Crash crash = crash("killed-instance", "now() - interval '1 hour'", "-1 second");

        try (ConfigurableApplicationContext survivor =
                ReindexInstances.start(
                        crash.database(),
                        Map.of(
                                "verity.jobs.heartbeat-interval", "1s",
                                "verity.jobs.missed-heartbeats-limit", "4"))) {
            assertCompleted(survivor, crash, "killed-instance");
        }
    }

    @Test
    void anInstanceKilledOnThisHostIsResumedWithoutWaitingForItsHeartbeatsOrLease()
            throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String host = ManagementFactory.getRuntimeMXBean().getName();
        String predecessor = ended.pid() + host.substring(host.indexOf('@')) + "/0badcafe";
        // killed right after its execution's heartbeat and the document's lease renewal
        Crash crash = crash(predecessor, "now()", "10 minutes");

        long started = System.nanoTime();
        try (ConfigurableApplicationContext next =
                ReindexInstances.start(crash.database(), Map.of())) {
            assertCompleted(next, crash, predecessor);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as(
                            "resumed within a minute, not after the 20 s of missed heartbeats plus the"
                                    + " 10-minute lease")
                    .isLessThan(Duration.ofMinutes(1));
        }
    }

    /**
     * A job whose second execution was picked by {@code worker}, last beating at {@code heartbeat},
     * and whose first document that worker holds with a lease ending {@code leaseLeft} from now.
     */
    private static Crash crash(String worker, String heartbeat, String leaseLeft) {
        Map<String, Object> database = ReindexInstances.database();
        try (ConfigurableApplicationContext crashed =
                ReindexInstances.start(database, Map.of("verity.jobs.enabled", "false"))) {
            String collection = ReindexInstances.indexedCollection(crashed, 6);
            UUID job =
                    ReindexInstances.jobsWithoutLeftovers(crashed)
                            .start(new ReindexRequest(collection, null, true), ReindexTrigger.API)
                            .id();
            JdbcClient jdbc = ReindexInstances.jdbc(crashed);
            jdbc.sql(
                            """
                            update scheduled_tasks
                            set picked = true, picked_by = :worker, last_heartbeat = %s
                            where task_name = 'reindex-work' and task_instance = :instance
                            """
                                    .formatted(heartbeat))
                    .param("worker", worker)
                    .param("instance", job + "#1")
                    .update();
            UUID held =
                    jdbc.sql(
                                    """
                                    update reindex_item set state = 'PROCESSING', attempts = 1,
                                        locked_by = :worker || '/' || job_id || '#1',
                                        locked_until = now() + cast(:lease as interval)
                                    where job_id = :job and document_id = (
                                        select min(document_id::text)::uuid from reindex_item
                                        where job_id = :job)
                                    returning document_id
                                    """)
                            .param("worker", worker)
                            .param("lease", leaseLeft)
                            .param("job", job)
                            .query(UUID.class)
                            .single();
            return new Crash(database, collection, job, held);
        }
    }

    private static void assertCompleted(
            ConfigurableApplicationContext survivor, Crash crash, String deadWorker) {
        ReindexJob finished = ReindexInstances.awaitFinished(survivor, crash.job());

        assertThat(finished.state()).isEqualTo(ReindexState.SUCCEEDED);
        assertThat(finished.documents().done()).isEqualTo(6);
        JdbcClient jdbc = ReindexInstances.jdbc(survivor);
        assertThat(
                        jdbc.sql(
                                        "select attempts, locked_by from reindex_item where"
                                                + " job_id = :job and document_id = :held")
                                .param("job", crash.job())
                                .param("held", crash.held())
                                .query((rs, row) -> rs.getInt(1) + " " + rs.getString(2))
                                .single())
                .startsWith("2 ")
                .doesNotContain(deadWorker);
        // the job's executions that waited their turn are gone with it
        ReindexInstances.awaitNoWaitingWork(jdbc);
        long collectionId = ReindexInstances.collectionId(survivor, crash.collection());
        assertThat(
                        ReindexModelChangeTest.passagesMatchingChunkCounts(
                                jdbc, collectionId, finished.collections().get(0).toGeneration()))
                .isTrue();
    }
}
