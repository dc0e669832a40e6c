package com.verity.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A job that pulls a model or creates a variant of one on a backend, as {@code POST
 * /api/models/pull}, {@code POST /api/models/variants} and {@code GET /api/models/jobs/{id}} show
 * it.
 *
 * @param kind PULL or CREATE
 * @param state QUEUED, RUNNING, SUCCEEDED or FAILED
 * @param status the backend's last progress line (e.g. "pulling 6a0746a1ec1a")
 * @param completed bytes done of the current layer (null when the line has no count)
 * @param total bytes of the current layer
 * @param percent completed of total, rounded down (null without a count)
 * @param request what was asked: the pull's name, or the variant's from, adapters, system,
 *     parameters and quantize
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelJob(
        UUID id,
        String kind,
        String model,
        String backend,
        String state,
        String status,
        Long completed,
        Long total,
        Integer percent,
        String error,
        Map<String, Object> request,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    public boolean ended() {
        return "SUCCEEDED".equals(state) || "FAILED".equals(state);
    }
}
