package com.verity.ingestion;

import static com.verity.support.ProblemDetails.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.FixtureText;
import com.verity.support.IntegrationTest;
import com.verity.support.PdfFixtures;
import com.verity.support.UnsupportedFixtures;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Reply;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Every way an upload or document request can go wrong answers with an RFC 9457 problem detail
 * whose {@code type} names the error, and stores nothing.
 */
@IntegrationTest
class UploadErrorsTest {

    private static final byte[] TEXT =
            "Opening hours are nine to five on weekdays.".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF =
            PdfFixtures.pdf(
                    FixtureText.titled("Opening hours")
                            .section("Weekdays", "We are open from nine to five."));

    @Autowired VerityApi api;

    @Test
    void imagesAndArchivesAreUnsupported() {
        String collection = api.newCollection("errors");

        Map<String, Object> gif =
                assertProblem(
                        api.upload(collection, Upload.of("diagram.gif", UnsupportedFixtures.gif())),
                        415,
                        "unsupported-content-type");
        Map<String, Object> zip =
                assertProblem(
                        api.upload(collection, Upload.of("archive.zip", UnsupportedFixtures.zip())),
                        415,
                        "unsupported-content-type");

        assertThat(gif)
                .containsEntry("filename", "diagram.gif")
                .containsEntry("contentType", "image/gif");
        assertThat(zip).containsEntry("contentType", "application/zip");
        assertNothingStored(collection);
    }

    @Test
    void contentThatContradictsItsExtensionIsRefusedNotGuessed() {
        String collection = api.newCollection("errors");

        Map<String, Object> pdfAsWord =
                assertProblem(
                        api.upload(collection, Upload.of("report.docx", PDF)),
                        415,
                        "content-type-mismatch");
        Map<String, Object> textAsPdf =
                assertProblem(
                        api.upload(collection, Upload.of("hours.pdf", TEXT)),
                        415,
                        "content-type-mismatch");

        assertThat(pdfAsWord)
                .containsEntry("filename", "report.docx")
                .containsEntry("typeByContent", "application/pdf");
        assertThat(textAsPdf)
                .containsEntry("typeByName", "application/pdf")
                .containsEntry("typeByContent", "text/plain");
        assertNothingStored(collection);
    }

    @Test
    void bytesOfNoKnownFormatAreRefusedWhateverTheirName() {
        String collection = api.newCollection("errors");
        byte[] noise = UnsupportedFixtures.noise(4096);

        assertProblem(
                api.upload(collection, Upload.of("notes.txt", noise)),
                415,
                "undetectable-content-type");
        assertProblem(
                api.upload(collection, Upload.of("notes", noise)),
                415,
                "undetectable-content-type");

        assertNothingStored(collection);
    }

    @Test
    void emptyFileIsRefused() {
        String collection = api.newCollection("errors");

        Map<String, Object> empty =
                assertProblem(
                        api.upload(collection, Upload.of("empty.txt", new byte[0])),
                        400,
                        "empty-file");

        assertThat(empty).containsEntry("filename", "empty.txt");
        assertNothingStored(collection);
    }

    @Test
    void requestWithoutFilesIsRefused() {
        String collection = api.newCollection("errors");
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("comment", "the file was attached under the wrong part name");

        ResponseEntity<Map> response =
                api.client()
                        .post()
                        .uri("/api/collections/{c}/documents", collection)
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .body(parts)
                        .retrieve()
                        .toEntity(Map.class);

        assertProblem(
                new Reply<>(response.getStatusCode(), response.getBody(), response.getHeaders()),
                400,
                "no-files");
    }

    @Test
    void oneBadFileRejectsTheWholeRequestAndNothingIsStored() {
        String collection = api.newCollection("errors");

        assertProblem(
                api.upload(
                        collection,
                        Upload.of("hours.pdf", PDF),
                        Upload.of("notes.txt", TEXT),
                        Upload.of("diagram.gif", UnsupportedFixtures.gif())),
                415,
                "unsupported-content-type");

        assertNothingStored(collection);
    }

    @Test
    void unknownCollectionIsNotFound() {
        assertProblem(
                api.upload("no-such-collection", Upload.of("notes.txt", TEXT)),
                404,
                "collection-not-found");
        assertProblem(
                api.get("/api/collections/no-such-collection/documents"),
                404,
                "collection-not-found");
    }

    @Test
    void unknownDocumentIsNotFound() {
        String path = "/api/documents/" + UUID.randomUUID();

        assertProblem(api.get(path), 404, "document-not-found");
        assertProblem(api.get(path + "/content"), 404, "document-not-found");
        ResponseEntity<Map> deleted =
                api.client().delete().uri(path).retrieve().toEntity(Map.class);
        assertProblem(
                new Reply<>(deleted.getStatusCode(), deleted.getBody(), deleted.getHeaders()),
                404,
                "document-not-found");
    }

    @Test
    void moreFilesThanOneRequestMayHoldAreRefusedNamingTheLimit() {
        String collection = api.newCollection("errors");
        Upload[] files =
                java.util.stream.IntStream.range(0, 1001)
                        .mapToObj(i -> Upload.of("note-" + i + ".txt", TEXT))
                        .toArray(Upload[]::new);

        assertProblem(api.upload(collection, files), 413, "too-many-files");
        assertNothingStored(collection);
    }

    @Test
    void collectionNameMustBeASlug() {
        assertProblem(
                api.post("/api/collections", Map.of("name", "HR Policies!")),
                400,
                "invalid-collection-name");
    }

    @Test
    void collectionNameIsTakenOnce() {
        String collection = api.newCollection("errors");

        assertProblem(
                api.post("/api/collections", Map.of("name", collection)), 409, "collection-exists");
    }

    /** With the default coupling, Spring's multipart limit is the same size and answers first. */
    @Nested
    @TestPropertySource(properties = "verity.ingestion.max-file-size=10KB")
    class FileOverTheSizeLimit {

        @Autowired VerityApi api;

        @Test
        void isRefusedWith413() {
            String collection = api.newCollection("errors");

            assertProblem(
                    api.upload(collection, Upload.of("big.txt", largeText())),
                    413,
                    "file-too-large");

            assertNothingStored(api, collection);
        }
    }

    /** When the multipart limit is raised above Verity's own, Verity's check answers. */
    @Nested
    @TestPropertySource(
            properties = {
                "verity.ingestion.max-file-size=10KB",
                "spring.servlet.multipart.max-file-size=1MB"
            })
    class FileOverVerityOwnSizeLimit {

        @Autowired VerityApi api;

        @Test
        void isRefusedWith413NamingTheFile() {
            String collection = api.newCollection("errors");

            Map<String, Object> tooLarge =
                    assertProblem(
                            api.upload(collection, Upload.of("big.txt", largeText())),
                            413,
                            "file-too-large");

            assertThat(tooLarge).containsEntry("filename", "big.txt");
            assertNothingStored(api, collection);
        }
    }

    private static byte[] largeText() {
        return "Opening hours are nine to five on weekdays.\n"
                .repeat(500)
                .getBytes(StandardCharsets.UTF_8);
    }

    private void assertNothingStored(String collection) {
        assertNothingStored(api, collection);
    }

    private static void assertNothingStored(VerityApi api, String collection) {
        var page = api.get("/api/collections/" + collection + "/documents");
        assertThat(page.status().value()).isEqualTo(200);
        assertThat((List<?>) page.body().get("content")).isEmpty();
    }
}
