package com.verity.evaluation;

import com.verity.security.Caller;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The golden-set endpoints (docs/evaluation.md). */
@RestController
class GoldenSetController {

    private final GoldenSets goldenSets;

    GoldenSetController(GoldenSets goldenSets) {
        this.goldenSets = goldenSets;
    }

    @PostMapping(
            path = "/api/collections/{collection}/golden-sets",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<GoldenSetView> create(
            @PathVariable String collection,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Caller caller) {
        GoldenSetView created = goldenSets.create(collection, name, file, caller);
        return ResponseEntity.created(URI.create("/api/golden-sets/" + created.id())).body(created);
    }

    @GetMapping("/api/collections/{collection}/golden-sets")
    List<GoldenSetView> list(@PathVariable String collection, Caller caller) {
        return goldenSets.list(collection, caller);
    }

    @GetMapping("/api/golden-sets/{id}")
    GoldenSetView get(@PathVariable UUID id, Caller caller) {
        return goldenSets.get(id, caller);
    }

    @GetMapping("/api/golden-sets/{id}/items")
    Map<String, List<GoldenItem>> items(@PathVariable UUID id, Caller caller) {
        return Map.of("items", goldenSets.items(id, caller));
    }

    @DeleteMapping("/api/golden-sets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, Caller caller) {
        goldenSets.delete(id, caller);
    }
}
