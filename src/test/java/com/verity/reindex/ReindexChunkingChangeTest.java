package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.ingestion.DocumentCatalog;
import com.verity.ingestion.TestUploads;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A chunking change for one content type rebuilds the collection into a new generation, but only
 * passages whose text changed are embedded again: the others keep their vectors.
 */
class ReindexChunkingChangeTest {

    @Test
    void onlyPassagesWhoseTextChangedAreEmbeddedAgain() {
        Map<String, Object> database = ReindexInstances.database();
        String collection = "chunking-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> markdown;
        Map<UUID, Integer> passagesBefore = new java.util.HashMap<>();
        try (ConfigurableApplicationContext before =
                ReindexInstances.start(database, Map.of("verity.jobs.enabled", "false"))) {
            before.getBean(com.verity.collection.CollectionCatalog.class)
                    .create(collection, null, com.verity.support.TestUsers.adminCaller(before));
            List<UUID> text =
                    TestUploads.upload(
                            before,
                            collection,
                            Map.of(
                                    "parking.txt", ReindexInstances.policy(0),
                                    "leave.txt", ReindexInstances.policy(3)));
            markdown =
                    TestUploads.upload(
                            before,
                            collection,
                            Map.of(
                                    "badges.md", markdown(5),
                                    "travel.md", markdown(1)));
            ReindexInstances.awaitIndexed(before, text);
            ReindexInstances.awaitIndexed(before, markdown);
            DocumentCatalog catalog = before.getBean(DocumentCatalog.class);
            markdown.forEach(
                    id ->
                            passagesBefore.put(
                                    id,
                                    catalog.get(
                                                    id,
                                                    com.verity.support.TestUsers.adminCaller(
                                                            before))
                                            .chunkCount()));
        }

        try (ConfigurableApplicationContext after =
                ReindexInstances.start(
                        database,
                        Map.of(
                                "verity.chunking.profiles.[text/markdown].max-tokens", "96",
                                "verity.chunking.profiles.[text/markdown].overlap-tokens", "16"))) {
            UUID id =
                    ReindexInstances.jobsWithoutLeftovers(after)
                            .start(
                                    new ReindexRequest(
                                            collection, "smaller markdown passages", false),
                                    ReindexTrigger.API)
                            .id();
            ReindexJob job = ReindexInstances.awaitFinished(after, id);

            assertThat(job.state()).isEqualTo(ReindexState.SUCCEEDED);
            assertThat(job.collections())
                    .singleElement()
                    .satisfies(s -> assertThat(s.rebuilt()).isTrue());
            assertThat(job.reusedVectors())
                    .as("vectors of the unchanged text passages")
                    .isPositive();
            assertThat(job.passages()).as("passages embedded again").isPositive();
            DocumentCatalog catalog = after.getBean(DocumentCatalog.class);
            com.verity.security.Caller admin = com.verity.support.TestUsers.adminCaller(after);
            for (UUID document : markdown) {
                assertThat(catalog.get(document, admin).chunkCount())
                        .isGreaterThan(passagesBefore.get(document));
                assertThat(catalog.passages(document, admin))
                        .hasSize(catalog.get(document, admin).chunkCount());
            }
        }
    }

    private static String markdown(int i) {
        StringBuilder text = new StringBuilder("# Handbook " + i + "\n\n");
        for (int section = 1; section <= 3; section++) {
            text.append("## Part ").append(section).append("\n\n");
            text.append(ReindexInstances.policy(i * 10 + section), 0, 1200).append("\n\n");
        }
        return text.toString();
    }
}
