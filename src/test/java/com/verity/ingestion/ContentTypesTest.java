package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.ingestion.SampleDocuments.Sample;
import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every supported format, built for real, goes through upload, indexing and search. */
@IntegrationTest
class ContentTypesTest {

    @Autowired VerityApi api;

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.verity.ingestion.SampleDocuments#all")
    void isIndexedWithItsTypeAndTitleAndFoundBySearchUnderItsSection(Sample sample) {
        String collection = api.newCollection("types");

        Object id =
                api.accepted(collection, Upload.of(sample.filename(), sample.bytes()))
                        .get(0)
                        .get("id");
        Map<String, Object> document = api.awaitSettled(id);

        assertThat(document)
                .as("%s document", sample)
                .containsEntry("status", "INDEXED")
                .containsEntry("contentType", sample.contentType())
                .containsEntry("title", sample.title());
        assertThat((Integer) document.get("chunkCount")).isPositive();
        assertThat(api.search(collection, sample.phrase(), 5))
                .as("passages found for '%s'", sample.phrase())
                .anySatisfy(
                        passage -> {
                            assertThat(passage.get("documentId")).isEqualTo(id);
                            assertThat(normalized(passage.get("text"))).contains(sample.phrase());
                            if (sample.section() != null) {
                                assertThat(passage.get("section")).isEqualTo(sample.section());
                            }
                        });
    }

    @Test
    void severalFilesInOneRequestGetOneEntryEachAndAllAreIndexed() {
        String collection = api.newCollection("batch");
        List<Sample> batch = SampleDocuments.all().limit(3).toList();

        List<Map<String, Object>> entries =
                api.accepted(
                        collection,
                        batch.stream()
                                .map(s -> Upload.of(s.filename(), s.bytes()))
                                .toArray(Upload[]::new));

        assertThat(entries)
                .extracting(entry -> entry.get("filename"))
                .containsExactlyElementsOf(batch.stream().map(Sample::filename).toList());
        assertThat(entries).extracting(entry -> entry.get("id")).doesNotHaveDuplicates();
        for (Map<String, Object> entry : entries) {
            assertThat(api.awaitSettled(entry.get("id"))).containsEntry("status", "INDEXED");
        }
        var listed = api.get("/api/collections/" + collection + "/documents");
        assertThat((List<?>) listed.body().get("content")).hasSize(batch.size());
    }

    private static String normalized(Object text) {
        return String.valueOf(text).replaceAll("\\s+", " ");
    }
}
