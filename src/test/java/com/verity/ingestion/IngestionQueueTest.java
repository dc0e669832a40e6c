package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import com.verity.support.VerityApi.Upload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The queue hands each document to exactly one worker, however many instances compete. */
@IntegrationTest
@TestPropertySource(properties = {"verity.ingestion.workers=0", "verity.ingestion.lease=2s"})
class IngestionQueueTest {

    @Autowired VerityApi api;
    @Autowired IngestionQueue queue;
    @Autowired JdbcClient jdbc;

    @Test
    void competingWorkersNeverClaimTheSameDocument() throws Exception {
        Set<UUID> uploaded = upload(30);
        ConcurrentHashMap<UUID, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubleClaims = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            String worker = "instance-" + w;
            done.add(
                    workers.submit(
                            () -> {
                                Optional<IngestionQueue.Claimed> claimed;
                                while ((claimed = queue.claim(worker)).isPresent()) {
                                    if (uploaded.contains(claimed.get().id())
                                            && claimedBy.putIfAbsent(claimed.get().id(), worker)
                                                    != null) {
                                        synchronized (doubleClaims) {
                                            doubleClaims.add(claimed.get().id().toString());
                                        }
                                    }
                                }
                            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        workers.shutdown();

        assertThat(doubleClaims).isEmpty();
        assertThat(claimedBy.keySet()).containsAll(uploaded);
        assertThat(claimedBy.values().stream().collect(Collectors.toSet())).hasSizeGreaterThan(1);
    }

    @Test
    void aDocumentWhoseWorkerDiedIsTakenOverWhenTheLeaseRunsOut() throws Exception {
        Set<UUID> uploaded = upload(1);
        UUID id = uploaded.iterator().next();
        Optional<IngestionQueue.Claimed> first = claimUntil(id, "dead-worker");
        assertThat(first).isPresent();
        assertThat(queue.claim("other").map(IngestionQueue.Claimed::id))
                .isNotEqualTo(Optional.of(id));

        Thread.sleep(2500);

        Optional<IngestionQueue.Claimed> second = claimUntil(id, "live-worker");
        assertThat(second).hasValueSatisfying(c -> assertThat(c.attempts()).isEqualTo(2));
    }

    @Test
    void aTransientFailureIsRetriedLaterAndFailsForGoodAfterTheLastAttempt() {
        UUID id = upload(1).iterator().next();
        IngestionQueue.Claimed claimed = claimUntil(id, "w").orElseThrow();

        queue.retryOrFail(claimed, "database hiccup");

        assertThat(api.document(id))
                .containsEntry("status", "QUEUED")
                .hasEntrySatisfying(
                        "error", e -> assertThat((String) e).contains("database hiccup", "retry"));
        IngestionQueue.Claimed last =
                new IngestionQueue.Claimed(
                        id,
                        claimed.collectionId(),
                        claimed.filename(),
                        claimed.contentType(),
                        5,
                        "w");
        jdbc.sql("update document set status = 'PROCESSING', locked_by = 'w' where id = :id")
                .param("id", id)
                .update();
        queue.retryOrFail(last, "database hiccup");
        assertThat(api.document(id))
                .containsEntry("status", "FAILED")
                .hasEntrySatisfying(
                        "error", e -> assertThat((String) e).contains("gave up after 5 attempts"));
    }

    private Optional<IngestionQueue.Claimed> claimUntil(UUID id, String worker) {
        jdbc.sql("update document set next_attempt_at = now() where id = :id")
                .param("id", id)
                .update();
        for (int i = 0; i < 1000; i++) {
            Optional<IngestionQueue.Claimed> claimed = queue.claim(worker);
            if (claimed.isEmpty() || claimed.get().id().equals(id)) {
                return claimed;
            }
        }
        return Optional.empty();
    }

    private Set<UUID> upload(int count) {
        String collection = api.newCollection("queue");
        List<Upload> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(
                    new Upload(
                            "note-" + i + ".txt",
                            ("Note number " + i + " about queue fairness.")
                                    .getBytes(StandardCharsets.UTF_8),
                            "text/plain"));
        }
        return api.accepted(collection, files.toArray(Upload[]::new)).stream()
                .map(e -> UUID.fromString((String) e.get("id")))
                .collect(Collectors.toSet());
    }
}
