package com.verity.sync;

import static com.verity.support.ProblemDetails.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.verity.support.IntegrationTest;
import com.verity.support.VerityApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configured sources over REST, and how runs are requested, on an instance that runs no jobs
 * (verity.jobs.enabled=false): a requested run stays QUEUED for the instances that do.
 */
@IntegrationTest
class FolderSourcesTest {

    @TempDir static Path folders;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> SOURCES = List.of("idle", "busy", "lost", "listed");

    @DynamicPropertySource
    static void folderSources(DynamicPropertyRegistry registry) {
        registry.add("verity.jobs.enabled", () -> "false");
        for (int i = 0; i < SOURCES.size(); i++) {
            String name = SOURCES.get(i);
            FolderSyncClient.register(
                    registry, i, source(name), "sync-" + name + "-" + RUN, () -> folder(name));
        }
    }

    static String source(String name) {
        return name + "-" + RUN;
    }

    static Path folder(String name) {
        return folders.resolve(name);
    }

    @Autowired VerityApi api;
    @Autowired FolderSync sync;
    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcClient jdbc;

    @Test
    @SuppressWarnings("unchecked")
    void anUnknownSourceIsA404ProblemNamingTheConfiguredOnes() {
        Map<String, Object> problem =
                assertProblem(
                        api.post("/api/folder-sources/nope/sync", Map.of()),
                        404,
                        "folder-source-not-found");
        assertThat((String) problem.get("detail")).contains("nope").contains(source("idle"));
        assertThat((List<Object>) problem.get("configured"))
                .containsExactlyElementsOf(
                        SOURCES.stream().map(FolderSourcesTest::source).toList());
        assertProblem(api.get("/api/folder-sources/nope/runs"), 404, "folder-source-not-found");
        assertProblem(
                api.get("/api/folder-sources/" + source("idle") + "/runs/" + UUID.randomUUID()),
                404,
                "folder-sync-run-not-found");
    }

    @Test
    void aSyncRequestedWhileOneIsQueuedIsA409NamingIt() {
        String path = "/api/folder-sources/" + source("busy") + "/sync";
        VerityApi.Reply<Map<String, Object>> first = api.post(path, Map.of());
        assertThat(first.status().value()).isEqualTo(202);
        assertThat(first.body()).containsEntry("state", "QUEUED");

        VerityApi.Reply<Map<String, Object>> second = api.post(path, Map.of());

        Map<String, Object> problem = assertProblem(second, 409, "folder-sync-running");
        assertThat(problem).containsEntry("runningRun", first.body().get("id"));
        assertThat(second.headers().getLocation()).isEqualTo(first.headers().getLocation());
        assertThat(api.get(first.headers().getLocation().toString()).body())
                .isEqualTo(first.body());
    }

    @Test
    void aQueuedRunWhoseJobWasLostIsReplacedByTheNextRequest() {
        String path = "/api/folder-sources/" + source("lost") + "/sync";
        Object lost = api.post(path, Map.of()).body().get("id");
        jdbc.sql(
                        "delete from scheduled_tasks where task_name = 'folder-sync' and task_instance = ?")
                .param(source("lost"))
                .update();

        VerityApi.Reply<Map<String, Object>> again = api.post(path, Map.of());

        assertThat(again.status().value()).isEqualTo(202);
        assertThat(api.get("/api/folder-sources/" + source("lost") + "/runs/" + lost).body())
                .containsEntry("state", "FAILED")
                .satisfies(r -> assertThat((String) r.get("error")).contains("disappeared"));
    }

    @Test
    void theScheduleQueuesEverySourceThatHasNoRunQueuedOrRunning() {
        Map<String, Optional<FolderSyncRun>> before = lastRuns();
        transactions.executeWithoutResult(
                tx -> {
                    sync.startAll();
                    lastRuns()
                            .forEach(
                                    (name, after) -> {
                                        FolderSyncRun earlier = before.get(name).orElse(null);
                                        if (earlier != null
                                                && earlier.state() == FolderSyncState.QUEUED) {
                                            assertThat(after).contains(earlier);
                                        } else {
                                            assertThat(after.orElseThrow())
                                                    .returns(
                                                            FolderSyncTrigger.SCHEDULE,
                                                            FolderSyncRun::trigger)
                                                    .returns(
                                                            FolderSyncState.QUEUED,
                                                            FolderSyncRun::state);
                                        }
                                    });
                    tx.setRollbackOnly();
                });
    }

    private Map<String, Optional<FolderSyncRun>> lastRuns() {
        return sync.sources(com.verity.support.TestUsers.adminCaller(context)).stream()
                .collect(
                        Collectors.toMap(
                                FolderSource::name, s -> Optional.ofNullable(s.lastRun())));
    }

    @Test
    void sourcesAreListedWithTheirSettingsAndLastRun() {
        Map<String, Object> run =
                api.post("/api/folder-sources/" + source("listed") + "/sync", Map.of()).body();

        Map<Object, Map<String, Object>> sources =
                api.getList("/api/folder-sources").body().stream()
                        .collect(Collectors.toMap(s -> s.get("name"), Function.identity()));

        assertThat(sources)
                .containsOnlyKeys(SOURCES.stream().map(FolderSourcesTest::source).toArray());
        assertThat(sources.get(source("idle")))
                .containsEntry("collection", "sync-idle-" + RUN)
                .containsEntry("path", folder("idle").toString())
                .containsEntry("include", List.of("**"))
                .containsEntry("exclude", List.of("**/.*", "**/~$*"))
                .containsEntry("allowEmpty", false)
                .containsEntry("lastRun", null);
        assertThat(sources.get(source("listed"))).containsEntry("lastRun", run);
        assertThat(api.getList("/api/folder-sources/" + source("listed") + "/runs?limit=1").body())
                .containsExactly(run);
    }
}
