package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.HostileFixtures;
import com.verity.support.IntegrationTest;
import com.verity.support.ScanFixtures;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Hostile files all at once, as an attacker would send them: while they are parsed the service
 * answers searches within seconds, a normal document uploaded at the same moment is indexed within
 * a minute, and once they are settled no abandoned parse keeps a core busy.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "verity.ingestion.parse-timeout=10s",
            "verity.ingestion.max-extracted-chars=20000"
        })
class HostileLoadTest {

    private static final Logger log = LoggerFactory.getLogger(HostileLoadTest.class);

    private static final Duration SEARCH_WITHIN = Duration.ofSeconds(5);

    @Autowired VerityApi api;

    @Test
    void hostileFilesNeitherStallSearchesNorHoldUpANormalDocument() {
        String collection = api.newCollection("hostile-load");
        api.awaitSettled(
                api.accepted(collection, text("visitors.txt", "Visitors sign in at reception."))
                        .get(0)
                        .get("id"));

        List<Map<String, Object>> hostile =
                api.accepted(
                        collection,
                        Upload.of("noise.png", ScanFixtures.noise(4000, 4000)),
                        Upload.of("report.docx", HostileFixtures.docxZipBomb(40)),
                        Upload.of("nest.docx", HostileFixtures.deeplyNestedDocx(20_000)),
                        Upload.of("pages.pdf", HostileFixtures.pdfWithPages(100_000)),
                        Upload.of("nested.html", HostileFixtures.htmlNestingBomb(5_000)));
        long uploaded = System.nanoTime();
        Object normal =
                api.accepted(collection, text("badges.txt", "Badges are returned at the gate."))
                        .get(0)
                        .get("id");

        Duration slowest = Duration.ZERO;
        while (!"INDEXED".equals(api.document(normal).get("status"))) {
            assertThat(Duration.ofNanos(System.nanoTime() - uploaded))
                    .as("the normal document waited behind the hostile ones")
                    .isLessThan(Duration.ofMinutes(1));
            long started = System.nanoTime();
            assertThat(api.search(collection, "where do visitors sign in", 3)).isNotEmpty();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            VerityApi.sleep(250);
        }
        log.info(
                "While hostile files were parsed: slowest search {} ms, normal document indexed"
                        + " {} s after the upload",
                slowest.toMillis(),
                Duration.ofNanos(System.nanoTime() - uploaded).toSeconds());
        assertThat(slowest)
                .as("slowest search while hostile files were parsed")
                .isLessThan(SEARCH_WITHIN);

        for (Map<String, Object> file : hostile) {
            assertThat(
                            api.awaitStatus(
                                            file.get("id"),
                                            Set.of("INDEXED", "FAILED"),
                                            Duration.ofMinutes(2))
                                    .get("status"))
                    .isIn("INDEXED", "FAILED");
        }
        assertThat(api.get("/actuator/health/readiness").body()).containsEntry("status", "UP");
        assertThat(cpuOfChildProcesses(Duration.ofSeconds(3)))
                .as("CPU the parser processes (and their Tesseracts) used over 3 s after it all")
                .isLessThan(Duration.ofMillis(500));
    }

    /** CPU time the service's descendant processes use during the interval. */
    private static Duration cpuOfChildProcesses(Duration interval) {
        Map<Long, Duration> before = cpuByProcess();
        VerityApi.sleep(interval.toMillis());
        Map<Long, Duration> after = cpuByProcess();
        return after.entrySet().stream()
                .map(e -> e.getValue().minus(before.getOrDefault(e.getKey(), Duration.ZERO)))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static Map<Long, Duration> cpuByProcess() {
        return ProcessHandle.current()
                .descendants()
                .collect(
                        java.util.stream.Collectors.toMap(
                                ProcessHandle::pid,
                                p -> p.info().totalCpuDuration().orElse(Duration.ZERO)));
    }

    private static Upload text(String filename, String text) {
        return Upload.of(filename, text.getBytes(StandardCharsets.UTF_8));
    }
}
