package com.verity.sync;

import com.verity.security.Caller;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Folder sources over REST: list them, sync one now, follow its runs. */
@RestController
class FolderSyncController {

    private final FolderSync sync;

    FolderSyncController(FolderSync sync) {
        this.sync = sync;
    }

    @GetMapping("/api/folder-sources")
    List<FolderSource> sources(Caller caller) {
        return sync.sources(caller);
    }

    @GetMapping("/api/folder-sources/{name}")
    FolderSource source(@PathVariable String name, Caller caller) {
        return sync.source(name, caller);
    }

    @PostMapping("/api/folder-sources/{name}/sync")
    ResponseEntity<FolderSyncRun> start(@PathVariable String name, Caller caller) {
        FolderSyncRun run = sync.start(name, caller);
        return ResponseEntity.accepted()
                .location(URI.create(FolderSyncException.runPath(name, run.id())))
                .body(run);
    }

    @GetMapping("/api/folder-sources/{name}/runs")
    List<FolderSyncRun> runs(
            @PathVariable String name,
            @RequestParam(defaultValue = "20") int limit,
            Caller caller) {
        return sync.runs(name, limit, caller);
    }

    @GetMapping("/api/folder-sources/{name}/runs/{id}")
    FolderSyncRun run(@PathVariable String name, @PathVariable UUID id, Caller caller) {
        return sync.run(name, id, caller);
    }
}
