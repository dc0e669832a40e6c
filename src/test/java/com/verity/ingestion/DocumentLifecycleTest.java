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

@IntegrationTest
class DocumentLifecycleTest {

    private static final String POLICY =
            """
            Travel Policy

            Booking flights
            Employees book flights through the travel desk at least fourteen days before departure.
            Economy class is standard for flights under six hours.

            Expenses
            Meals on travel days are reimbursed up to 60 euros per day with receipts.
            """;

    @Autowired VerityApi api;

    @Test
    void uploadedDocumentGoesFromQueuedToIndexedAndCanBeFetchedListedAndDeleted() {
        String collection = api.newCollection("lifecycle");
        byte[] bytes = POLICY.getBytes(StandardCharsets.UTF_8);

        List<Map<String, Object>> accepted =
                api.accepted(collection, Upload.of("travel-policy.txt", bytes));

        assertThat(accepted)
                .singleElement()
                .satisfies(
                        entry -> {
                            assertThat(entry.get("filename")).isEqualTo("travel-policy.txt");
                            assertThat(entry.get("status")).isIn("QUEUED", "PROCESSING", "INDEXED");
                            assertThat(entry).doesNotContainKey("duplicateOf");
                        });
        Object id = accepted.get(0).get("id");

        Map<String, Object> indexed = api.awaitSettled(id);
        assertThat(indexed)
                .containsEntry("status", "INDEXED")
                .containsEntry("collection", collection)
                .containsEntry("contentType", "text/plain")
                .containsEntry("sizeBytes", bytes.length)
                .containsEntry("title", "Travel Policy")
                .containsEntry("sha256", Sha256.of(bytes));
        assertThat((Integer) indexed.get("chunkCount")).isPositive();
        assertThat(indexed.get("indexedAt")).isNotNull();

        var content = api.getBytes("/api/documents/" + id + "/content");
        assertThat(content.body()).isEqualTo(bytes);
        assertThat(content.headers().getContentType().toString()).startsWith("text/plain");

        var page = api.get("/api/collections/" + collection + "/documents?page=0&size=10");
        assertThat((List<?>) page.body().get("content")).hasSize(1);

        var results = api.search(collection, "how much can I spend on food when travelling?", 5);
        assertThat(results)
                .first()
                .satisfies(
                        passage -> {
                            assertThat((String) passage.get("text")).contains("60 euros");
                            assertThat(passage.get("documentId")).isEqualTo(id);
                            assertThat(passage.get("filename")).isEqualTo("travel-policy.txt");
                            assertThat(passage.get("title")).isEqualTo("Travel Policy");
                        });

        assertThat(api.delete("/api/documents/" + id).value()).isEqualTo(204);
        assertThat(api.get("/api/documents/" + id).status().value()).isEqualTo(404);
        assertThat(api.search(collection, "meals reimbursed", 5)).isEmpty();
    }

    @Test
    void passageOffsetsPointIntoTheExtractedText() {
        String collection = api.newCollection("offsets");
        Object id =
                api.accepted(
                                collection,
                                Upload.of("policy.txt", POLICY.getBytes(StandardCharsets.UTF_8)))
                        .get(0)
                        .get("id");
        api.awaitSettled(id);
        var results = api.search(collection, "economy class flights", 5);
        assertThat(results).isNotEmpty();
        Map<String, Object> first = results.get(0);
        int start = (Integer) first.get("start");
        int end = (Integer) first.get("end");
        assertThat(end - start).isEqualTo(((String) first.get("text")).length());
    }
}
