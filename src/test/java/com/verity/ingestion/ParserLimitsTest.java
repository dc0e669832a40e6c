package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.HostileFixtures;
import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Files built to exhaust the parser fail with a reason the uploader can read, and the service keeps
 * serving; a document with more text than the limit is indexed up to the limit and flagged.
 */
@IntegrationTest
class ParserLimitsTest {

    private static final String ORDINARY =
            """
            Parking

            Visitors park in the marked bays next to the main entrance and sign in at reception.
            """;

    @Autowired VerityApi api;

    @Test
    void zipBombFailsNamingTheZipBombAndTheServiceStaysUp() {
        String collection = api.newCollection("limits");
        byte[] bomb = HostileFixtures.docxZipBomb(40);

        Map<String, Object> failed = settle(collection, "quarterly-report.docx", bomb);

        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((String) failed.get("error")).containsIgnoringCase("zip bomb");
        assertServiceStillIndexes(collection);
    }

    @Test
    void nestingBombFailsNamingTheNestingAndTheServiceStaysUp() {
        String collection = api.newCollection("limits");

        Map<String, Object> failed =
                settle(collection, "nested.html", HostileFixtures.htmlNestingBomb(5_000));

        assertThat(failed).containsEntry("status", "FAILED");
        assertThat((String) failed.get("error")).containsIgnoringCase("nesting");
        assertServiceStillIndexes(collection);
    }

    private void assertServiceStillIndexes(String collection) {
        // readiness, not the overall status: without Ollama in this test the latter is DEGRADED
        assertThat(api.get("/actuator/health/readiness").body()).containsEntry("status", "UP");
        Map<String, Object> ordinary =
                settle(collection, "parking.txt", ORDINARY.getBytes(StandardCharsets.UTF_8));
        assertThat(ordinary).containsEntry("status", "INDEXED");
    }

    private Map<String, Object> settle(String collection, String filename, byte[] bytes) {
        Object id = api.accepted(collection, Upload.of(filename, bytes)).get(0).get("id");
        return api.awaitSettled(id);
    }

    @Nested
    @TestPropertySource(properties = "verity.ingestion.parse-timeout=200ms")
    class WithATinyParseTimeout {

        @Autowired VerityApi api;

        @Test
        void longDocumentFailsNamingTheTimeout() {
            String collection = api.newCollection("limits");
            byte[] pdf = HostileFixtures.longPdf(300);

            Object id = api.accepted(collection, Upload.of("minutes.pdf", pdf)).get(0).get("id");
            Map<String, Object> failed = api.awaitSettled(id);

            assertThat(failed).containsEntry("status", "FAILED");
            assertThat((String) failed.get("error")).contains("parse-timeout", "200 ms");
        }
    }

    @Nested
    @TestPropertySource(properties = "verity.ingestion.max-extracted-chars=1000")
    class WithASmallTextLimit {

        @Autowired VerityApi api;

        @Test
        void longDocumentIsIndexedUpToTheLimitAndFlaggedTruncated() {
            String collection = api.newCollection("limits");
            String text =
                    "The harbour opens at dawn.\n\n"
                            + "Boats leave the harbour in a fixed order every morning.\n\n"
                                    .repeat(100)
                            + "The lighthouse keeper feeds the gulls at midnight.\n";

            Object id =
                    api.accepted(
                                    collection,
                                    Upload.of("harbour.txt", text.getBytes(StandardCharsets.UTF_8)))
                            .get(0)
                            .get("id");
            Map<String, Object> indexed = api.awaitSettled(id);

            assertThat(indexed).containsEntry("status", "INDEXED").containsEntry("truncated", true);
            assertThat(api.search(collection, "harbour opens at dawn", 10))
                    .anySatisfy(p -> assertThat((String) p.get("text")).contains("opens at dawn"));
            assertThat(api.search(collection, "lighthouse keeper feeds the gulls", 10))
                    .noneSatisfy(p -> assertThat((String) p.get("text")).contains("lighthouse"));
        }
    }
}
