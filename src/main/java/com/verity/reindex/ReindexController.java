package com.verity.reindex;

import com.verity.security.Caller;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Re-index jobs over REST: start, follow, list, cancel. */
@RestController
class ReindexController {

    private final ReindexJobs jobs;

    ReindexController(ReindexJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/api/reindex-jobs")
    ResponseEntity<ReindexJob> start(
            @RequestBody(required = false) ReindexRequest request, Caller caller) {
        ReindexJob job =
                jobs.start(
                        request == null ? new ReindexRequest(null, null, false) : request,
                        ReindexTrigger.API,
                        caller);
        return ResponseEntity.accepted()
                .location(URI.create("/api/reindex-jobs/" + job.id()))
                .body(job);
    }

    @GetMapping("/api/reindex-jobs")
    List<ReindexJob> recent(@RequestParam(defaultValue = "20") int limit) {
        return jobs.recent(limit);
    }

    @GetMapping("/api/reindex-jobs/{id}")
    ReindexJob get(@PathVariable UUID id) {
        return jobs.get(id);
    }

    @PostMapping("/api/reindex-jobs/{id}/cancel")
    ReindexJob cancel(@PathVariable UUID id, Caller caller) {
        return jobs.cancel(id, caller);
    }
}
