package com.verity.sync;

import static com.verity.sync.FolderSyncClient.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What a sync never does: delete when the folder is gone, or touch documents it did not sync. */
@IntegrationTest
class FolderSyncSafetyTest {

    @TempDir static Path folders;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SHARED = "sync-shared-" + RUN;

    @DynamicPropertySource
    static void folderSources(DynamicPropertyRegistry registry) {
        String[][] sources = {
            {"mount", "sync-mount-" + RUN},
            {"one", SHARED},
            {"two", SHARED},
            {"idle", "sync-idle-" + RUN},
            {"listed", "sync-listed-" + RUN},
            {"moved", "sync-moved-" + RUN}
        };
        for (int i = 0; i < sources.length; i++) {
            String name = sources[i][0];
            FolderSyncClient.register(registry, i, source(name), sources[i][1], () -> folder(name));
        }
    }

    static String source(String name) {
        return name + "-" + RUN;
    }

    static Path folder(String name) {
        return folders.resolve(name);
    }

    @Autowired VerityApi api;
    @Autowired JdbcClient jdbc;

    FolderSyncClient client() {
        return new FolderSyncClient(api);
    }

    @Test
    void aMissingOrEmptiedFolderFailsTheRunAndDeletesNothing() throws Exception {
        String collection = "sync-mount-" + RUN;
        write(folder("mount"), "a.txt", "Printers are on every floor near the stairs.");
        write(folder("mount"), "b/c.txt", "Visitors wear a badge at all times.");
        client().sync(source("mount"));
        var synced = client().byFilename(collection);

        Path away = Files.move(folder("mount"), folders.resolve("unmounted"));
        Map<String, Object> missing = client().sync(source("mount"));
        Files.createDirectory(folder("mount"));
        Map<String, Object> empty = client().sync(source("mount"));

        assertThat(missing).containsEntry("state", "FAILED").containsEntry("removed", 0);
        assertThat((String) missing.get("error")).contains("does not exist").contains("mount");
        assertThat(empty).containsEntry("state", "FAILED").containsEntry("removed", 0);
        assertThat((String) empty.get("error")).contains("is empty").contains("allow-empty");
        assertThat(client().byFilename(collection)).isEqualTo(synced);

        Files.delete(folder("mount"));
        Files.move(away, folder("mount"));
        assertThat(client().sync(source("mount")))
                .containsEntry("state", "SUCCEEDED")
                .containsEntry("unchanged", 2)
                .containsEntry("removed", 0);
    }

    @Test
    void uploadsAndOtherSourcesInTheSameCollectionAreUntouched() throws Exception {
        write(folder("one"), "notes.txt", "Source one: the library closes at six.");
        write(folder("one"), "rooms.txt", "Source one: meeting rooms are booked online.");
        write(folder("two"), "notes.txt", "Source two: the gym opens at seven.");
        client().sync(source("one"));
        client().sync(source("two"));
        client().upload(SHARED, "notes.txt", "Uploaded: the roof terrace is closed in winter.");
        assertThat(notes()).hasSize(3).allSatisfy(d -> assertThat(d).containsEntry("version", 1));

        write(folder("one"), "notes.txt", "Source one: the library closes at eight.");
        assertThat(client().sync(source("one"))).containsEntry("changed", 1);
        assertThat(notes())
                .extracting(d -> d.get("source"), d -> d.get("version"))
                .containsExactlyInAnyOrder(
                        tuple(source("one"), 2), tuple(source("two"), 1), tuple(null, 1));

        Files.delete(folder("one").resolve("notes.txt"));
        Map<String, Object> run = client().sync(source("one"));

        assertThat(run).containsEntry("removed", 1).containsEntry("unchanged", 1);
        assertThat(notes())
                .extracting(d -> d.get("source"))
                .containsExactlyInAnyOrder(source("two"), null);
        assertThat(api.search(SHARED, "roof terrace in winter", 3))
                .first()
                .satisfies(p -> assertThat((String) p.get("text")).contains("Uploaded"));
    }

    @Test
    void documentsOfTheSourceInACollectionItNoLongerFeedsAreRemoved() {
        String earlier = api.newCollection("sync-earlier");
        Object old = client().upload(earlier, "fees.txt", "Parking costs two euros an hour.");
        api.awaitSettled(old);
        // As if the source had fed that collection before its configuration changed.
        jdbc.sql("update document set source = :source where id = cast(:id as uuid)")
                .param("source", source("moved"))
                .param("id", old)
                .update();
        write(folder("moved"), "fees.txt", "Parking costs two euros an hour.");

        Map<String, Object> run = client().sync(source("moved"));

        assertThat(run).containsEntry("added", 1).containsEntry("removed", 1);
        assertThat(api.get("/api/documents/" + old).status().value()).isEqualTo(404);
        assertThat(client().byFilename("sync-moved-" + RUN)).containsOnlyKeys("fees.txt");
    }

    private List<Map<String, Object>> notes() {
        return client().settledDocuments(SHARED).stream()
                .filter(d -> d.get("filename").equals("notes.txt"))
                .toList();
    }
}
