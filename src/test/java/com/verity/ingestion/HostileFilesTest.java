package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FixtureText;
import com.verity.support.HostileFixtures;
import com.verity.support.IntegrationTest;
import com.verity.support.MailFixtures;
import com.verity.support.MailFixtures.Attachment;
import com.verity.support.PdfFixtures;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Files built to attack the parser: each is refused, fails with a reason, or is indexed safely
 * (truncated and flagged); nothing they point at leaks into the index, and the service keeps
 * indexing ordinary documents.
 */
@IntegrationTest
@TestPropertySource(properties = "verity.ingestion.max-extracted-chars=20000")
class HostileFilesTest {

    private static final String ORDINARY = "Parking permits are renewed every year at reception.";

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;

    @TempDir Path folder;

    @Test
    void anXmlExternalEntityNeverBringsTheFileItPointsAtIntoTheIndex() throws IOException {
        String secret = "secret-" + UUID.randomUUID();
        Path target = Files.writeString(folder.resolve("secret.txt"), secret);
        String xml =
                """
                <?xml version="1.0"?>
                <!DOCTYPE notice [<!ENTITY leak SYSTEM "%s">]>
                <notice><title>Visitors</title><body>Visitors sign in. &leak;</body></notice>
                """
                        .formatted(target.toUri());
        String collection = api.newCollection("hostile");

        Map<String, Object> settled = settle(collection, "notice.xml", bytes(xml));

        assertThat(settled.get("status")).isIn("INDEXED", "FAILED");
        assertThat(indexedText(settled.get("id"))).doesNotContain(secret);
        assertThat(api.search(collection, secret, 5))
                .allSatisfy(p -> assertThat((String) p.get("text")).doesNotContain(secret));
        assertOrdinaryDocumentsStillIndex(collection);
    }

    @Test
    void anEntityExpansionBombIsRefusedOrCutShort() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            entities.append(
                    "<!ENTITY lol%d \"%s\">\n"
                            .formatted(i, ("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)));
        }
        String xml =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                        + entities
                        + "]>\n<lolz>&lol9;</lolz>\n";
        String collection = api.newCollection("hostile");

        Map<String, Object> settled = settle(collection, "laughs.xml", bytes(xml));

        if ("INDEXED".equals(settled.get("status"))) {
            // never a billion of them: at most the text limit, flagged
            assertThat(indexedText(settled.get("id")).length()).isLessThanOrEqualTo(20_000);
        } else {
            assertThat(settled).containsEntry("status", "FAILED");
            assertThat((String) settled.get("error")).containsIgnoringCase("entity expansions");
        }
        assertOrdinaryDocumentsStillIndex(collection);
    }

    @Test
    void aFiftyMegabyteSingleLineIsIndexedTruncatedAndFlagged() {
        String collection = api.newCollection("hostile");
        byte[] line = new byte[50 * 1024 * 1024 - 4096];
        byte[] word = "harbour ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < line.length; i++) {
            line[i] = word[i % word.length];
        }

        Map<String, Object> settled = settle(collection, "line.txt", line);

        assertThat(settled).containsEntry("status", "INDEXED").containsEntry("truncated", true);
        assertOrdinaryDocumentsStillIndex(collection);
    }

    @Test
    void aPdfThatIsAlsoAZipIsReadAsThePdfItClaimsToBe() throws IOException {
        byte[] pdf =
                PdfFixtures.pdf(
                        FixtureText.titled("Boiler room")
                                .section("Inspections", "The boiler room is inspected weekly."));
        ByteArrayOutputStream polyglot = new ByteArrayOutputStream();
        polyglot.write(pdf);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream entries = new ZipOutputStream(zip)) {
            entries.putNextEntry(new ZipEntry("payload.js"));
            entries.write(bytes("alert('zip payload')"));
            entries.closeEntry();
        }
        polyglot.write(zip.toByteArray());
        String collection = api.newCollection("hostile");

        Map<String, Object> settled = settle(collection, "boiler.pdf", polyglot.toByteArray());

        assertThat(settled)
                .containsEntry("status", "INDEXED")
                .containsEntry("contentType", "application/pdf");
        assertThat(indexedText(settled.get("id")))
                .contains("inspected weekly")
                .doesNotContain("zip payload");
        assertThat(
                        api.upload(collection, Upload.of("boiler.zip", polyglot.toByteArray()))
                                .status()
                                .value())
                .as("named as the archive it also is: refused")
                .isEqualTo(415);
    }

    @Test
    void anEmailWhoseAttachmentsAreABombAndTypesWeRefuseIsIndexedWithThoseListedAsSkipped()
            throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream entries = new ZipOutputStream(archive)) {
            entries.putNextEntry(new ZipEntry("inside.txt"));
            entries.write(bytes("archived words never indexed"));
            entries.closeEntry();
        }
        byte[] mail =
                MailFixtures.eml(
                        "Facilities <facilities@example.com>",
                        "All staff <staff@example.com>",
                        FixtureText.titled("Fire drill")
                                .section("When", "The fire drill is on Thursday at ten."),
                        List.of(
                                new Attachment(
                                        "minutes.txt",
                                        "text/plain",
                                        bytes("Extinguishers were checked by the committee.")),
                                new Attachment(
                                        "report.docx",
                                        "application/octet-stream",
                                        HostileFixtures.docxZipBomb(40)),
                                new Attachment(
                                        "photos.zip", "application/zip", archive.toByteArray())));
        String collection = api.newCollection("hostile");

        Map<String, Object> settled = settle(collection, "drill.eml", mail);

        assertThat(settled).containsEntry("status", "INDEXED");
        assertThat(skipped(settled))
                .containsEntry("report.docx", "suspected zip bomb")
                .containsKey("photos.zip")
                .doesNotContainKey("minutes.txt");
        assertThat(reasonOf(settled, "photos.zip")).contains("application/zip", "not one");
        assertThat(indexedText(settled.get("id")))
                .contains("fire drill is on Thursday", "Extinguishers were checked")
                .doesNotContain("All work and no play", "archived words");
        assertOrdinaryDocumentsStillIndex(collection);
    }

    @Test
    void aDeeplyNestedWordDocumentFailsNamingTheNestingOrIsIndexed() {
        String collection = api.newCollection("hostile");

        Map<String, Object> settled =
                settle(collection, "nest.docx", HostileFixtures.deeplyNestedDocx(20_000));

        if ("FAILED".equals(settled.get("status"))) {
            assertThat((String) settled.get("error")).containsIgnoringCase("nest");
        } else {
            assertThat(settled).containsEntry("status", "INDEXED");
        }
        assertOrdinaryDocumentsStillIndex(collection);
    }

    @Test
    void aPdfOfAHundredThousandPagesIsIndexedUpToTheTextLimitAndFlagged() {
        String collection = api.newCollection("hostile");
        byte[] pdf = HostileFixtures.pdfWithPages(100_000);

        Map<String, Object> settled = settle(collection, "pages.pdf", pdf);

        if ("FAILED".equals(settled.get("status"))) {
            assertThat((String) settled.get("error")).contains("parsing took longer than");
        } else {
            assertThat(settled).containsEntry("status", "INDEXED").containsEntry("truncated", true);
            assertThat(
                            jdbc.sql("select text from document_text where document_id = :id")
                                    .param("id", UUID.fromString(settled.get("id").toString()))
                                    .query(String.class)
                                    .single()
                                    .length())
                    .isLessThanOrEqualTo(20_000);
        }
        assertOrdinaryDocumentsStillIndex(collection);
    }

    /** The skipped attachments' names, each with the start of its reason. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> skipped(Map<String, Object> document) {
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (Map<String, Object> skip :
                (List<Map<String, Object>>) document.get("skippedAttachments")) {
            String reason = (String) skip.get("reason");
            byName.put(
                    (String) skip.get("name"),
                    reason.startsWith("suspected zip bomb") ? "suspected zip bomb" : reason);
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    private static String reasonOf(Map<String, Object> document, String name) {
        return ((List<Map<String, Object>>) document.get("skippedAttachments"))
                .stream()
                        .filter(skip -> name.equals(skip.get("name")))
                        .map(skip -> (String) skip.get("reason"))
                        .findFirst()
                        .orElseThrow();
    }

    private void assertOrdinaryDocumentsStillIndex(String collection) {
        assertThat(settle(collection, "parking-" + UUID.randomUUID() + ".txt", bytes(ORDINARY)))
                .containsEntry("status", "INDEXED");
        assertThat(api.get("/actuator/health").status().value()).isEqualTo(200);
    }

    private Map<String, Object> settle(String collection, String filename, byte[] content) {
        Object id = api.accepted(collection, Upload.of(filename, content)).get(0).get("id");
        return api.awaitStatus(id, Set.of("INDEXED", "FAILED"), Duration.ofMinutes(2));
    }

    private String indexedText(Object id) {
        return jdbc.sql(
                        """
                        select coalesce((select text from document_text where document_id = :id), '')
                             || coalesce((select string_agg(text, ' ') from passage
                                          where document_id = :id), '')
                        """)
                .param("id", UUID.fromString(id.toString()))
                .query(String.class)
                .single();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
