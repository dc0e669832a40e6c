package com.verity.sync;

import com.verity.web.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Folder-sync requests that cannot be served, as problem details. */
public class FolderSyncException extends ProblemException {

    private FolderSyncException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static ProblemException unknownSource(String name, List<String> configured) {
        String known =
                configured.isEmpty()
                        ? "No source is configured"
                        : "The configured ones are " + String.join(", ", configured);
        return new FolderSyncException(
                        HttpStatus.NOT_FOUND,
                        "folder-source-not-found",
                        "No such folder source",
                        ("There is no folder source '%s'. %s; sources are set in"
                                        + " ingest-config/ingest.yaml under"
                                        + " verity.folder-sync.sources (GET /api/folder-sources"
                                        + " lists them).")
                                .formatted(name, known))
                .with("source", name)
                .with("configured", configured);
    }

    static ProblemException alreadyRunning(String source, UUID run) {
        String location = runPath(source, run);
        return new FolderSyncException(
                        HttpStatus.CONFLICT,
                        "folder-sync-running",
                        "A sync of this source is already queued or running",
                        ("Run %s of folder source '%s' has not finished; follow it at %s. It takes"
                                        + " every change made before it reads the folder; request"
                                        + " another sync once it has finished.")
                                .formatted(run, source, location))
                .with("source", source)
                .with("runningRun", run)
                .header("Location", location);
    }

    static ProblemException finishing(String source) {
        return new FolderSyncException(
                        HttpStatus.CONFLICT,
                        "folder-sync-finishing",
                        "A sync of this source is finishing",
                        ("The previous run of folder source '%s' is handing back its job right now;"
                                        + " request the sync again in a second.")
                                .formatted(source))
                .with("source", source)
                .header("Retry-After", "1");
    }

    static ProblemException runNotFound(String source, UUID run) {
        return new FolderSyncException(
                        HttpStatus.NOT_FOUND,
                        "folder-sync-run-not-found",
                        "No such run",
                        ("Folder source '%s' has no run %s (old runs are deleted after"
                                        + " verity.folder-sync.keep-runs); GET"
                                        + " /api/folder-sources/%s/runs lists its runs.")
                                .formatted(source, run, source))
                .with("source", source);
    }

    static String runPath(String source, UUID run) {
        return "/api/folder-sources/%s/runs/%s".formatted(source, run);
    }
}
