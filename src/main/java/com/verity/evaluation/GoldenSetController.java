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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
        return created(goldenSets.create(collection, name, file, caller));
    }

    /** {@code from-feedback}: {@code limit} answers at most; {@code generate}: a model's drafts. */
    record Built(String name, Integer limit, String model, Integer count, Long seed) {}

    @PostMapping("/api/collections/{collection}/golden-sets/from-feedback")
    ResponseEntity<GoldenSetView> fromFeedback(
            @PathVariable String collection,
            @RequestBody(required = false) Built request,
            Caller caller) {
        Built body = request == null ? new Built(null, null, null, null, null) : request;
        return created(goldenSets.fromFeedback(collection, body.name(), body.limit(), caller));
    }

    @PostMapping("/api/collections/{collection}/golden-sets/generate")
    ResponseEntity<GoldenSetView> generate(
            @PathVariable String collection,
            @RequestBody(required = false) Built request,
            Caller caller) {
        Built body = request == null ? new Built(null, null, null, null, null) : request;
        return created(
                goldenSets.generate(
                        collection, body.name(), body.model(), body.count(), body.seed(), caller));
    }

    private static ResponseEntity<GoldenSetView> created(GoldenSetView set) {
        return ResponseEntity.created(URI.create("/api/golden-sets/" + set.id())).body(set);
    }

    @PostMapping(path = "/api/golden-sets/{id}/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> addItem(
            @PathVariable UUID id, @RequestBody String item, Caller caller) {
        int position = goldenSets.addItem(id, item, caller);
        return ResponseEntity.created(URI.create("/api/golden-sets/" + id + "/items/" + position))
                .body(Map.of("position", position));
    }

    @PutMapping(
            path = "/api/golden-sets/{id}/items/{position}",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    GoldenItem replaceItem(
            @PathVariable UUID id,
            @PathVariable int position,
            @RequestBody String item,
            Caller caller) {
        return goldenSets.replaceItem(id, position, item, caller);
    }

    @DeleteMapping("/api/golden-sets/{id}/items/{position}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteItem(@PathVariable UUID id, @PathVariable int position, Caller caller) {
        goldenSets.deleteItem(id, position, caller);
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
