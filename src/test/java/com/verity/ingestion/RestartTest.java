package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.VerityApplication;
import com.verity.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.multipart.MultipartFile;

/**
 * Acknowledged uploads survive a restart: a service that accepted documents and stopped before
 * indexing them leaves them QUEUED, and the next start indexes every one of them.
 */
class RestartTest {

    private static ConfigurableApplicationContext start(Map<String, Object> database, int workers) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("server.port", "0");
        properties.put("verity.ingestion.workers", workers);
        properties.put("verity.ingestion.poll-interval", "200ms");
        return new SpringApplicationBuilder(VerityApplication.class)
                .run(TestDatabase.arguments(properties));
    }

    @Test
    void documentsQueuedBeforeAStopAreIndexedAfterTheNextStart() {
        Map<String, Object> database = TestDatabase.standaloneProperties();
        String collection = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        List<UploadResult> accepted;
        try (ConfigurableApplicationContext first = start(database, 0)) {
            first.getBean(com.verity.collection.CollectionCatalog.class)
                    .create(collection, null, com.verity.support.TestUsers.adminCaller(first));
            List<MultipartFile> files =
                    List.of(
                            file("one.txt", "Parking permits are issued by facilities."),
                            file("two.txt", "Badges are renewed every year at reception."),
                            file("three.txt", "Lost property is kept for thirty days."));
            accepted =
                    first.getBean(DocumentUploads.class)
                            .upload(
                                    collection,
                                    files,
                                    null,
                                    com.verity.support.TestUsers.adminCaller(first));
            DocumentCatalog catalog = first.getBean(DocumentCatalog.class);
            assertThat(accepted)
                    .allSatisfy(
                            r ->
                                    assertThat(
                                                    catalog.get(
                                                                    r.id(),
                                                                    com.verity.support.TestUsers
                                                                            .adminCaller(first))
                                                            .status())
                                            .isEqualTo(DocumentStatus.QUEUED));
        }

        try (ConfigurableApplicationContext second = start(database, 2)) {
            DocumentCatalog catalog = second.getBean(DocumentCatalog.class);
            for (UploadResult result : accepted) {
                DocumentView document =
                        awaitIndexed(
                                catalog,
                                result.id(),
                                com.verity.support.TestUsers.adminCaller(second));
                assertThat(document.chunkCount()).isPositive();
            }
            assertThat(
                            second.getBean(com.verity.retrieval.Retriever.class)
                                    .retrieve(
                                            "how long is lost property kept",
                                            collection,
                                            3,
                                            com.verity.support.TestUsers.adminCaller(second)))
                    .first()
                    .satisfies(p -> assertThat(p.filename()).isEqualTo("three.txt"));
        }
    }

    private static MultipartFile file(String name, String text) {
        return new MockMultipartFile(
                "files", name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    static DocumentView awaitIndexed(
            DocumentCatalog catalog, UUID id, com.verity.security.Caller caller) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        DocumentView document = catalog.get(id, caller);
        while (document.status() != DocumentStatus.INDEXED) {
            assertThat(document.status()).isNotEqualTo(DocumentStatus.FAILED);
            assertThat(System.nanoTime()).as("still %s", document.status()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            document = catalog.get(id, caller);
        }
        return document;
    }
}
