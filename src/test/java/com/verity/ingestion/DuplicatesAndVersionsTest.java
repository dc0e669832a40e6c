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
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class DuplicatesAndVersionsTest {

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;

    @Test
    void theSameBytesUploadedAgainAreNotStoredOrEmbeddedTwice() {
        String collection = api.newCollection("dupes");
        Upload original = text("guide.txt", "Badges are renewed every year at the front desk.");
        Object id = api.accepted(collection, original).get(0).get("id");
        api.awaitSettled(id);

        List<Map<String, Object>> again =
                api.accepted(
                        collection,
                        original,
                        new Upload("copy-of-guide.txt", original.bytes(), "text/plain"));

        assertThat(again)
                .allSatisfy(
                        entry -> {
                            assertThat(entry.get("duplicateOf")).isEqualTo(id);
                            assertThat(entry.get("id")).isEqualTo(id);
                        });
        assertThat(documentCount(collection)).isEqualTo(1);
        assertThat(passageCount(id)).isEqualTo((Integer) api.document(id).get("chunkCount"));
    }

    @Test
    void aFileWithTheNameOfADocumentReplacesItAsANewVersion() {
        String collection = api.newCollection("versions");
        Object first =
                api.accepted(
                                collection,
                                text("hours.txt", "The office opens at nine in the morning."))
                        .get(0)
                        .get("id");
        api.awaitSettled(first);

        Map<String, Object> entry =
                api.accepted(
                                collection,
                                text("hours.txt", "The office opens at seven in the morning."))
                        .get(0);
        assertThat(entry.get("version")).isEqualTo(2);
        Map<String, Object> second = api.awaitSettled(entry.get("id"));

        assertThat(second).containsEntry("status", "INDEXED").containsEntry("version", 2);
        assertThat(api.get("/api/documents/" + first).status().value()).isEqualTo(404);
        assertThat(passageCount(first)).isZero();
        assertThat(api.search(collection, "when does the office open", 5))
                .singleElement()
                .satisfies(p -> assertThat((String) p.get("text")).contains("seven"));
    }

    @Test
    void searchesSeeTheOldVersionUntilTheNewOneIsIndexedNeverBothOrNeither() {
        String collection = api.newCollection("atomic");
        Object first =
                api.accepted(
                                collection,
                                text("rules.txt", "Rule alpha: helmets are required on site."))
                        .get(0)
                        .get("id");
        api.awaitSettled(first);

        Object second =
                api.accepted(
                                collection,
                                text("rules.txt", "Rule beta: helmets are required on site."))
                        .get(0)
                        .get("id");
        String seen = "";
        while (!"INDEXED".equals(api.document(second).get("status"))) {
            List<Map<String, Object>> results = api.search(collection, "helmets required", 5);
            assertThat(results).as("exactly one version is searchable").hasSize(1);
            seen = (String) results.get(0).get("text");
        }
        assertThat(api.search(collection, "helmets required", 5))
                .singleElement()
                .satisfies(p -> assertThat((String) p.get("text")).contains("beta"));
        assertThat(seen).isNotNull();
    }

    private long documentCount(String collection) {
        return jdbc.sql(
                        "select count(*) from document d join collection c on c.id = d.collection_id"
                                + " where c.name = :name")
                .param("name", collection)
                .query(Long.class)
                .single();
    }

    private int passageCount(Object documentId) {
        return jdbc.sql("select count(*) from passage where document_id = cast(:id as uuid)")
                .param("id", documentId.toString())
                .query(Integer.class)
                .single();
    }

    private static Upload text(String name, String content) {
        return new Upload(name, content.getBytes(StandardCharsets.UTF_8), "text/plain");
    }
}
