package com.verity.evaluation;

import com.verity.security.Caller;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The evaluation endpoints (docs/evaluation.md). */
@RestController
class EvaluationController {

    private final Evaluations evaluations;

    EvaluationController(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    @PostMapping("/api/evaluations")
    ResponseEntity<Map<String, Object>> start(
            @RequestBody(required = false) EvaluationRequest request, Caller caller) {
        Map<String, Object> started = evaluations.start(request, caller);
        return ResponseEntity.accepted()
                .location(URI.create("/api/evaluations/" + started.get("id")))
                .body(started);
    }

    @GetMapping("/api/evaluations")
    List<Map<String, Object>> list(
            @RequestParam(name = "collection", required = false) String collection, Caller caller) {
        if (collection == null || collection.isBlank()) {
            throw EvaluationException.invalidEvaluation(
                    "Name the collection: GET /api/evaluations?collection=NAME.");
        }
        return evaluations.list(collection, caller);
    }

    @GetMapping("/api/evaluations/{id}")
    Map<String, Object> get(@PathVariable UUID id, Caller caller) {
        return evaluations.get(id, caller);
    }

    @PostMapping("/api/evaluations/{id}/cancel")
    Map<String, Object> cancel(@PathVariable UUID id, Caller caller) {
        return evaluations.cancel(id, caller);
    }

    @GetMapping("/api/evaluations/{id}/items")
    Map<String, Object> items(@PathVariable UUID id, Caller caller) {
        return evaluations.items(id, caller);
    }

    @GetMapping("/api/evaluations/{id}/report.csv")
    ResponseEntity<String> csv(@PathVariable UUID id, Caller caller) {
        return download(evaluations.csv(id, caller), "text/csv", "evaluation-" + id + ".csv");
    }

    /** A download: the file is opened from disk, where its inline styles are allowed. */
    @GetMapping("/api/evaluations/{id}/report.html")
    ResponseEntity<String> html(@PathVariable UUID id, Caller caller) {
        return download(evaluations.html(id, caller), "text/html", "evaluation-" + id + ".html");
    }

    private static ResponseEntity<String> download(String body, String type, String filename) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(type), StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename).build().toString())
                .body(body);
    }
}
