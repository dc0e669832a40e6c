package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.ScanFixtures;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Documents are parsed in parser processes: a parse that runs past the timeout without giving the
 * service a chance to stop it (OCR of a huge noisy image: no text comes out for a long time) is
 * killed with whatever it started, and one that needs more memory than its process has fails naming
 * that; either way the document is FAILED with a plain reason, no abandoned parse keeps a core
 * busy, and the next document is indexed as usual.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "verity.ingestion.parse-timeout=3s",
            "verity.ingestion.parser.heap=64MB",
            "verity.ingestion.parser.processes=1"
        })
class ForkedParsingTest {

    private static final String ORDINARY = "Parking permits are renewed every year at reception.";

    @Autowired VerityApi api;

    @Test
    void aParseThatRunsPastTheTimeoutIsKilledWithWhatItStarted() throws IOException {
        String collection = api.newCollection("forked");
        Map<String, Object> failed =
                settle(collection, Upload.of("noise.png", ScanFixtures.noise(4000, 4000)));

        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((String) failed.get("error")).contains("parsing took longer than 3 s");
        awaitNoTesseract();
        assertThat(settle(collection, Upload.of("parking.txt", bytes(ORDINARY))))
                .containsEntry("status", "INDEXED");
    }

    @Test
    void aParseThatRunsOutOfMemoryFailsNamingItAndTheNextDocumentIsIndexed() {
        String collection = api.newCollection("forked");
        String line = "Every visitor signs in at reception and wears a badge. ".repeat(40) + "\n";
        byte[] big = bytes(line.repeat(45 * 1024 * 1024 / line.length()));

        Map<String, Object> failed = settle(collection, Upload.of("big.txt", big));

        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((String) failed.get("error")).contains("ran out of memory", "parser.heap");
        assertThat(settle(collection, Upload.of("parking.txt", bytes(ORDINARY))))
                .containsEntry("status", "INDEXED");
    }

    private Map<String, Object> settle(String collection, Upload upload) {
        Object id = api.accepted(collection, upload).get(0).get("id");
        return api.awaitStatus(id, Set.of("INDEXED", "FAILED"), Duration.ofMinutes(2));
    }

    /** Waits until no Tesseract started by a killed parse is left running. */
    private static void awaitNoTesseract() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ProcessHandle> left;
        do {
            left =
                    ProcessHandle.allProcesses()
                            .filter(
                                    p ->
                                            p.info()
                                                    .command()
                                                    .map(c -> c.endsWith("tesseract"))
                                                    .orElse(false))
                            .toList();
            if (left.isEmpty()) {
                return;
            }
            VerityApi.sleep(200);
        } while (System.nanoTime() < deadline);
        assertThat(left).as("Tesseract processes left running").isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
