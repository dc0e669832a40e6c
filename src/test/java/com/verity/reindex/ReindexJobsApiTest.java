package com.verity.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Re-index jobs through the REST API: start, follow, skip what is unchanged, fail safely. */
@IntegrationTest
@TestPropertySource(properties = "verity.jobs.polling-interval=300ms")
class ReindexJobsApiTest {

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;
    @Autowired ReindexJobs jobs;

    private String collection;
    private List<String> documents;

    @BeforeEach
    void indexedCollection() {
        jobs.running().ifPresent(job -> jobs.cancel(job.id()));
        collection = api.newCollection("reindex-api");
        documents =
                api
                        .accepted(
                                collection,
                                upload("leave.txt", ReindexInstances.policy(3)),
                                upload("parking.txt", ReindexInstances.policy(0)),
                                upload("badges.txt", ReindexInstances.policy(5)))
                        .stream()
                        .map(d -> String.valueOf(d.get("id")))
                        .toList();
        documents.forEach(
                id -> assertThat(api.awaitSettled(id)).containsEntry("status", "INDEXED"));
    }

    @Test
    void aReindexWithNothingChangedFinishesWithoutEmbeddingAnything() {
        Reply<Map<String, Object>> started =
                api.post("/api/reindex-jobs", Map.of("collection", collection, "reason", "check"));
        assertThat(started.status().value()).isEqualTo(202);
        assertThat(started.headers().getLocation())
                .hasToString("/api/reindex-jobs/" + started.body().get("id"));

        Map<String, Object> job = awaitFinished(started.body().get("id"));
        assertThat(job).containsEntry("state", "SUCCEEDED").containsEntry("passages", 0);
        assertThat(progress(job))
                .containsEntry("total", 3)
                .containsEntry("skipped", 3)
                .containsEntry("done", 0);
        assertThat(step(job)).containsEntry("rebuilt", false);
        assertThat(job.get("verification").toString()).contains("index unchanged");
    }

    @Test
    void aForcedRebuildReEmbedsEveryPassageIntoANewGeneration() {
        Map<String, Object> job = forcedRebuild();
        assertThat(job).containsEntry("state", "SUCCEEDED").containsEntry("reusedVectors", 0);
        assertThat(progress(job)).containsEntry("done", 3);
        assertThat(((Number) job.get("passages")).longValue()).isPositive();
        assertThat(step(job)).containsEntry("rebuilt", true);
        assertThat(api.search(collection, "who approves parking permits", 3)).isNotEmpty();
    }

    @Test
    void aDocumentThatCannotBeRebuiltIsReportedAndTheCurrentIndexKeepsServing() {
        jdbc.sql("delete from document_content where document_id = :id")
                .param("id", UUID.fromString(documents.get(0)))
                .update();
        Map<String, Object> failed = forcedRebuild();

        assertThat(failed).containsEntry("state", "FAILED");
        assertThat(failed.get("error").toString())
                .contains("could not be re-indexed", "keeps serving");
        assertThat(progress(failed)).containsEntry("done", 2).containsEntry("failed", 1);
        assertThat(errors(failed))
                .singleElement()
                .satisfies(e -> assertThat(e).containsEntry("filename", "leave.txt"));
        assertThat(api.search(collection, "annual leave policy KX-0003", 3))
                .first()
                .satisfies(p -> assertThat(p).containsEntry("filename", "leave.txt"));

        // Once the broken document is gone, the next job switches, reusing what was built.
        api.delete("/api/documents/" + documents.get(0));
        Map<String, Object> retried =
                awaitFinished(
                        api.post("/api/reindex-jobs", Map.of("collection", collection))
                                .body()
                                .get("id"));
        assertThat(retried).containsEntry("state", "SUCCEEDED");
        assertThat(progress(retried)).containsEntry("skipped", 2).containsEntry("done", 0);
    }

    @Test
    void cancelStopsTheJobAndLeavesTheServingIndexAlone() {
        Map<String, Object> job =
                api.post("/api/reindex-jobs", Map.of("collection", collection, "force", true))
                        .body();
        Reply<Map<String, Object>> cancelled =
                api.post("/api/reindex-jobs/" + job.get("id") + "/cancel", Map.of());
        if (cancelled.status().value() == 200) {
            assertThat(cancelled.body()).containsEntry("state", "CANCELLED");
        } else {
            // it finished first: then cancelling says so
            assertThat(cancelled.status().value()).isEqualTo(409);
            assertThat(cancelled.body()).containsEntry("type", "/problems/reindex-job-finished");
        }
        assertThat(api.search(collection, "who approves parking permits", 3)).isNotEmpty();
    }

    @Test
    void badRequestsGetProblemDetailsThatSayWhatToDo() {
        Reply<Map<String, Object>> unknown = api.get("/api/reindex-jobs/" + UUID.randomUUID());
        assertThat(unknown.status().value()).isEqualTo(404);
        assertThat(unknown.body()).containsEntry("type", "/problems/reindex-job-not-found");

        Reply<Map<String, Object>> noCollection =
                api.post("/api/reindex-jobs", Map.of("collection", "no-such-collection"));
        assertThat(noCollection.status().value()).isEqualTo(404);

        Reply<Map<String, Object>> longReason =
                api.post("/api/reindex-jobs", Map.of("reason", "x".repeat(501)));
        assertThat(longReason.status().value()).isEqualTo(400);
        assertThat(longReason.body().get("detail").toString()).contains("500");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> progress(Map<String, Object> job) {
        return (Map<String, Object>) job.get("documents");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> step(Map<String, Object> job) {
        return ((List<Map<String, Object>>) job.get("collections")).get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> errors(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.get("errors");
    }

    /** Starts a forced re-index of the test's collection and waits until it ends. */
    private Map<String, Object> forcedRebuild() {
        return awaitFinished(
                api.post("/api/reindex-jobs", Map.of("collection", collection, "force", true))
                        .body()
                        .get("id"));
    }

    private Map<String, Object> awaitFinished(Object id) {
        Map<String, Object>[] job = new Map[1];
        ReindexInstances.await(
                Duration.ofSeconds(120),
                () -> {
                    job[0] = api.get("/api/reindex-jobs/" + id).body();
                    return !"RUNNING".equals(job[0].get("state"));
                });
        return job[0];
    }

    private static VerityApi.Upload upload(String name, String text) {
        return VerityApi.Upload.of(name, text.getBytes(StandardCharsets.UTF_8));
    }
}
