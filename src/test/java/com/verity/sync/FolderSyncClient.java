package com.verity.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.VerityApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Drives folder syncs through the REST API as an admin would, and writes folder fixtures. */
final class FolderSyncClient {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final VerityApi api;

    FolderSyncClient(VerityApi api) {
        this.api = api;
    }

    /** Requests a sync (202 with the run at its Location) and waits until the run has ended. */
    Map<String, Object> sync(String source) {
        VerityApi.Reply<Map<String, Object>> reply =
                api.post("/api/folder-sources/" + source + "/sync", Map.of());
        assertThat(reply.status().value()).as("sync reply %s", reply.body()).isEqualTo(202);
        String location = reply.headers().getLocation().toString();
        assertThat(location)
                .isEqualTo("/api/folder-sources/%s/runs/%s", source, reply.body().get("id"));
        assertThat(reply.body()).containsEntry("source", source).containsEntry("trigger", "API");
        return awaitEnded(location);
    }

    Map<String, Object> awaitEnded(String runPath) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, Object> run = api.get(runPath).body();
        while (!Set.of("SUCCEEDED", "FAILED").contains(run.get("state"))) {
            assertThat(System.nanoTime()).as("run still %s", run).isLessThan(deadline);
            pause();
            run = api.get(runPath).body();
        }
        return run;
    }

    /** The collection's documents once none is queued or processing any more. */
    List<Map<String, Object>> settledDocuments(String collection) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<Map<String, Object>> documents = documents(collection);
        while (documents.stream()
                .anyMatch(d -> Set.of("QUEUED", "PROCESSING").contains(d.get("status")))) {
            assertThat(System.nanoTime()).as("still indexing %s", documents).isLessThan(deadline);
            pause();
            documents = documents(collection);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> documents(String collection) {
        VerityApi.Reply<Map<String, Object>> page =
                api.get("/api/collections/" + collection + "/documents?size=500");
        assertThat(page.status().value()).as("documents of %s", collection).isEqualTo(200);
        return (List<Map<String, Object>>) page.body().get("content");
    }

    /** File name -> document, once indexing has settled. */
    Map<Object, Map<String, Object>> byFilename(String collection) {
        return settledDocuments(collection).stream()
                .collect(java.util.stream.Collectors.toMap(d -> d.get("filename"), d -> d));
    }

    /**
     * Configures source {@code index} of the test's context, with jobs polled often so runs start
     * soon after they are requested.
     */
    static void register(
            DynamicPropertyRegistry registry,
            int index,
            String source,
            String collection,
            Supplier<Path> folder) {
        registry.add("verity.jobs.polling-interval", () -> "200ms");
        String prefix = "verity.folder-sync.sources[%d].".formatted(index);
        registry.add(prefix + "name", () -> source);
        registry.add(prefix + "collection", () -> collection);
        registry.add(prefix + "path", () -> folder.get().toString());
    }

    /** Uploads a text file through the REST API; returns the document's id. */
    Object upload(String collection, String filename, String text) {
        return api.accepted(
                        collection,
                        VerityApi.Upload.of(filename, text.getBytes(StandardCharsets.UTF_8)))
                .get(0)
                .get("id");
    }

    static Path write(Path folder, String path, String text) {
        return write(folder, path, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path folder, String path, byte[] bytes) {
        try {
            Path file = folder.resolve(path);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
