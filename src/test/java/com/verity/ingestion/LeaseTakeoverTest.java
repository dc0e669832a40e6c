package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import com.verity.collection.CollectionCatalog;
import com.verity.support.TestDatabase;
import com.verity.support.TestUsers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.multipart.MultipartFile;

/**
 * Leases follow their workers: what a killed instance held is taken over when its short lease runs
 * out, at once when the instance was this host's and its process has ended, and a live worker keeps
 * a document however long it takes, so nothing is processed twice at once.
 */
class LeaseTakeoverTest {

    private static final String HOST = ManagementFactory.getRuntimeMXBean().getName();

    @Test
    void documentsOfAKilledInstanceAreTakenOverAtOnceOnItsHostAndAfterTheLeaseElsewhere()
            throws Exception {
        Map<String, Object> database = TestDatabase.standaloneProperties();
        String collection = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        List<UploadResult> accepted;
        Timestamp elsewhereLeaseEnds;
        Timestamp predecessorLeaseEnds;
        try (ConfigurableApplicationContext killed = start(database, 0, "30s")) {
            create(killed, collection);
            accepted =
                    List.of(
                            upload(killed, collection, file("one.txt", "Visitors sign in.")),
                            upload(killed, collection, file("two.txt", "Badges are returned.")));
            // What a SIGKILL leaves: documents PROCESSING under leases renewed moments before. The
            // other host's lease is long enough for the survivor to start, start a parser process
            // and index the other document before it ends, on a busy machine too.
            JdbcClient jdbc = jdbc(killed);
            elsewhereLeaseEnds =
                    hold(jdbc, accepted.get(0).id(), "4242@another-host/0badcafe#0", 20);
            predecessorLeaseEnds =
                    hold(
                            jdbc,
                            accepted.get(1).id(),
                            endedProcess()
                                    + "@"
                                    + HOST.substring(HOST.indexOf('@') + 1)
                                    + "/0badcafe#1",
                            600);
        }
        UUID elsewhere = accepted.get(0).id();
        UUID predecessor = accepted.get(1).id();

        try (ConfigurableApplicationContext survivor = start(database, 2, "20s")) {
            DocumentCatalog catalog = survivor.getBean(DocumentCatalog.class);
            awaitIndexed(catalog, predecessor, survivor);
            awaitIndexed(catalog, elsewhere, survivor);
            Map<UUID, Timestamp> indexedAt = indexedAt(survivor, accepted);
            assertThat(indexedAt.get(predecessor))
                    .as("this host's ended instance: taken over without waiting for its lease")
                    .isBefore(elsewhereLeaseEnds)
                    .isBefore(predecessorLeaseEnds);
            assertThat(indexedAt.get(elsewhere))
                    .as("another host's instance may still be alive: its lease is respected")
                    .isAfterOrEqualTo(elsewhereLeaseEnds);
            assertThat(attempts(survivor, accepted)).containsOnly(2);
        }
    }

    @Test
    void aLiveWorkerKeepsItsDocumentLongerThanTheLease() {
        Map<String, Object> database = TestDatabase.standaloneProperties();
        String collection = "long-" + UUID.randomUUID().toString().substring(0, 8);
        // idle workers look for work every 200 ms: without renewals one of them would take the
        // document over as soon as its 3 s lease ran out (a 1 s lease was too short for a busy
        // 2-core machine starting a parser process: a renewal came late, the document was taken)
        try (ConfigurableApplicationContext instance = start(database, 3, "3s")) {
            long started = System.nanoTime();
            create(instance, collection);
            UploadResult big = upload(instance, collection, file("long.txt", longText()));
            awaitIndexed(instance.getBean(DocumentCatalog.class), big.id(), instance);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took)
                    .as("the document must outlast several leases for this test to mean anything")
                    .isGreaterThan(Duration.ofSeconds(6));
            assertThat(attempts(instance, List.of(big))).containsExactly(1);
        }
    }

    private static ConfigurableApplicationContext start(
            Map<String, Object> database, int workers, String lease) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("verity.ingestion.workers", workers);
        properties.put("verity.ingestion.poll-interval", "200ms");
        properties.put("verity.ingestion.lease", lease);
        properties.put("verity.jobs.enabled", "false");
        return new SpringApplicationBuilder(VerityApplication.class)
                .run(TestDatabase.arguments(properties));
    }

    private static void create(ConfigurableApplicationContext instance, String collection) {
        instance.getBean(CollectionCatalog.class)
                .create(collection, null, TestUsers.adminCaller(instance));
    }

    private static UploadResult upload(
            ConfigurableApplicationContext instance, String collection, MultipartFile file) {
        return instance.getBean(DocumentUploads.class)
                .upload(collection, List.of(file), null, TestUsers.adminCaller(instance))
                .get(0);
    }

    private static Timestamp hold(JdbcClient jdbc, UUID document, String worker, int leaseSeconds) {
        return jdbc.sql(
                        """
                        update document set status = 'PROCESSING', attempts = 1,
                            locked_by = :worker,
                            locked_until = now() + make_interval(secs => :lease)
                        where id = :id
                        returning locked_until
                        """)
                .param("worker", worker)
                .param("lease", leaseSeconds)
                .param("id", document)
                .query(Timestamp.class)
                .single();
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext instance) {
        return JdbcClient.create(instance.getBean(javax.sql.DataSource.class));
    }

    /** The id of a process of this host that has ended. */
    private static long endedProcess() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    private static Map<UUID, Timestamp> indexedAt(
            ConfigurableApplicationContext instance, List<UploadResult> documents) {
        return jdbc(instance)
                .sql("select id, indexed_at from document where id in (:ids)")
                .param("ids", documents.stream().map(UploadResult::id).toList())
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getTimestamp(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<Integer> attempts(
            ConfigurableApplicationContext instance, List<UploadResult> documents) {
        return jdbc(instance)
                .sql("select attempts from document where id in (:ids)")
                .param("ids", documents.stream().map(UploadResult::id).toList())
                .query(Integer.class)
                .list();
    }

    /** Several hundred passages: seconds of embedding on any machine. */
    private static String longText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            text.append("Section ")
                    .append(i)
                    .append(". Visitors to building ")
                    .append(i % 17)
                    .append(" sign in at reception, wear the badge they are given where it can be")
                    .append(" seen, and return it when they leave; lost badges are reported to")
                    .append(
                            " security the same day, who replace them after checking identity.\n\n");
        }
        return text.toString();
    }

    private static MultipartFile file(String name, String text) {
        return new MockMultipartFile(
                "files", name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitIndexed(
            DocumentCatalog catalog, UUID id, ConfigurableApplicationContext instance) {
        RestartTest.awaitIndexed(catalog, id, TestUsers.adminCaller(instance));
    }
}
