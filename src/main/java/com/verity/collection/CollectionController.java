package com.verity.collection;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/collections")
class CollectionController {

    private final CollectionCatalog catalog;

    CollectionController(CollectionCatalog catalog) {
        this.catalog = catalog;
    }

    record CreateCollection(String name, String description) {}

    @PostMapping
    ResponseEntity<CollectionSummary> create(@RequestBody CreateCollection request) {
        CollectionSummary created = catalog.create(request.name(), request.description());
        return ResponseEntity.created(URI.create("/api/collections/" + created.name()))
                .body(created);
    }

    @GetMapping
    List<CollectionSummary> list() {
        return catalog.list();
    }

    /** The settings an admin may change on a collection; absent members stay as they are. */
    record CollectionSettings(Double relevanceThreshold, Boolean clearRelevanceThreshold) {}

    @PatchMapping("/{name}")
    CollectionSummary update(@PathVariable String name, @RequestBody CollectionSettings settings) {
        if (Boolean.TRUE.equals(settings.clearRelevanceThreshold())) {
            return catalog.setRelevanceThreshold(name, null);
        }
        if (settings.relevanceThreshold() != null) {
            return catalog.setRelevanceThreshold(name, settings.relevanceThreshold());
        }
        return catalog.find(name);
    }

    @GetMapping("/{name}")
    CollectionSummary get(@PathVariable String name) {
        return catalog.find(name);
    }
}
