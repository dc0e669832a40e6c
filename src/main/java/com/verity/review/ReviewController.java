package com.verity.review;

import com.verity.assistant.QueuedTurn;
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

/** The review queue and verified answers, for the editors of a collection (docs/review.md). */
@RestController
class ReviewController {

    private final ReviewQueue queue;
    private final VerifiedAnswers verified;
    private final TrainingData training;

    ReviewController(ReviewQueue queue, VerifiedAnswers verified, TrainingData training) {
        this.queue = queue;
        this.verified = verified;
        this.training = training;
    }

    /** JSON lines for fine-tuning; the counts per source ride along as headers. */
    @GetMapping("/api/collections/{collection}/training-data")
    ResponseEntity<String> trainingData(
            @PathVariable String collection,
            @RequestParam(defaultValue = "chat-jsonl") String format,
            @RequestParam(name = "mask-pii", defaultValue = "false") boolean maskPii,
            Caller caller) {
        TrainingData.Export export = training.export(collection, format, maskPii, caller);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/jsonl; charset=utf-8"))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + collection + "-" + format + ".jsonl\"")
                .header("X-Verity-Verified-Examples", Integer.toString(export.verified()))
                .header("X-Verity-Helpful-Examples", Integer.toString(export.helpful()))
                .body(export.jsonl());
    }

    @GetMapping("/api/review-queue")
    List<QueueItem> queue(
            @RequestParam(required = false) String collection,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "100") int limit,
            Caller caller) {
        return queue.items(collection, reason, limit, caller);
    }

    @GetMapping("/api/review-queue/{id}")
    QueuedTurn item(@PathVariable long id, Caller caller) {
        return queue.item(id, caller);
    }

    @PostMapping("/api/review-queue/{id}/dismiss")
    QueuedTurn dismiss(@PathVariable long id, Caller caller) {
        return queue.dismiss(id, caller);
    }

    @PostMapping(
            path = "/api/collections/{collection}/verified-answers",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VerifiedAnswer> create(
            @PathVariable String collection,
            @RequestBody VerifiedAnswerRequest request,
            Caller caller) {
        VerifiedAnswer created = verified.create(collection, request, caller);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/verified-answers/" + created.id()))
                .body(created);
    }

    @GetMapping("/api/collections/{collection}/verified-answers")
    List<VerifiedAnswer> list(
            @PathVariable String collection,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "200") int limit,
            Caller caller) {
        return verified.list(collection, status, limit, caller);
    }

    @GetMapping("/api/verified-answers/{id}")
    VerifiedAnswer get(@PathVariable UUID id, Caller caller) {
        return verified.get(id, caller);
    }

    @PutMapping(path = "/api/verified-answers/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    VerifiedAnswer update(
            @PathVariable UUID id, @RequestBody VerifiedAnswerRequest request, Caller caller) {
        return verified.update(id, request, caller);
    }

    @DeleteMapping("/api/verified-answers/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id, Caller caller) {
        verified.delete(id, caller);
        return ResponseEntity.noContent().build();
    }
}
