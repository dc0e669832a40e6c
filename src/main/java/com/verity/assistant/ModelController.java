package com.verity.assistant;

import com.verity.security.Caller;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/models}: the models and their state for anyone who asks questions; pulling, creating,
 * changing and deleting them for admins (docs/models.md). A model's name may hold '/' and ':', so
 * it is the rest of the path.
 */
@RestController
class ModelController {

    /** {@code POST /api/models/pull}. */
    record PullRequest(String name) {}

    /** {@code PUT /api/models/{name}}: either field may be left out. */
    record ModelChange(Boolean allowed, ModelProfile profile) {}

    private final Models models;

    ModelController(Models models) {
        this.models = models;
    }

    @GetMapping("/api/models")
    ModelStatus models(Caller caller) {
        return models.status(caller);
    }

    @PostMapping(path = "/api/models/pull", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelJob> pull(@RequestBody PullRequest request, Caller caller) {
        return accepted(models.pull(request.name(), caller));
    }

    @PostMapping(path = "/api/models/variants", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ModelJob> variant(@RequestBody VariantRequest request, Caller caller) {
        return accepted(models.createVariant(request, caller));
    }

    @GetMapping("/api/models/jobs")
    List<ModelJob> jobs(@RequestParam(defaultValue = "50") int limit) {
        return models.jobs(limit);
    }

    @GetMapping("/api/models/jobs/{id}")
    ModelJob job(@PathVariable UUID id) {
        return models.job(id);
    }

    @PutMapping(path = "/api/models/{*name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ModelStatus.Model change(
            @PathVariable String name, @RequestBody ModelChange change, Caller caller) {
        return models.update(stripSlash(name), change.allowed(), change.profile(), caller);
    }

    @DeleteMapping("/api/models/{*name}")
    ResponseEntity<Void> delete(@PathVariable String name, Caller caller) {
        models.delete(stripSlash(name), caller);
        return ResponseEntity.noContent().build();
    }

    /** A {@code {*name}} capture starts with the '/' before it. */
    private static String stripSlash(String captured) {
        return captured.startsWith("/") ? captured.substring(1) : captured;
    }

    private static ResponseEntity<ModelJob> accepted(ModelJob job) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/models/jobs/" + job.id()))
                .body(job);
    }
}
