package com.verity.evaluation;

import com.verity.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The arena endpoints (docs/evaluation.md, "Arena"). */
@RestController
class ArenaController {

    private final Arena arena;

    ArenaController(Arena arena) {
        this.arena = arena;
    }

    @PostMapping("/api/ask/compare")
    Map<String, Object> compare(
            @RequestBody(required = false) Arena.CompareRequest request, Caller caller) {
        return arena.compare(request, caller);
    }

    @PutMapping("/api/comparisons/{id}/vote")
    Map<String, Object> vote(
            @PathVariable UUID id,
            @RequestBody(required = false) Arena.VoteRequest request,
            Caller caller) {
        return arena.vote(id, request, caller);
    }

    @GetMapping("/api/collections/{collection}/arena")
    List<Map<String, Object>> standings(@PathVariable String collection, Caller caller) {
        return arena.standings(collection, caller);
    }
}
