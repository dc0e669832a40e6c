package com.verity.collection;

import com.verity.security.Caller;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
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
    ResponseEntity<CollectionSummary> create(@RequestBody CreateCollection request, Caller caller) {
        CollectionSummary created = catalog.create(request.name(), request.description(), caller);
        return ResponseEntity.created(URI.create("/api/collections/" + created.name()))
                .body(created);
    }

    @GetMapping
    List<CollectionSummary> list(Caller caller) {
        return catalog.list(caller);
    }

    /** The settings an editor may change on a collection; absent members stay as they are. */
    record CollectionSettings(Double relevanceThreshold, Boolean clearRelevanceThreshold) {}

    @PatchMapping("/{name}")
    CollectionSummary update(
            @PathVariable String name, @RequestBody CollectionSettings settings, Caller caller) {
        if (Boolean.TRUE.equals(settings.clearRelevanceThreshold())) {
            return catalog.setRelevanceThreshold(name, null, caller);
        }
        if (settings.relevanceThreshold() != null) {
            return catalog.setRelevanceThreshold(name, settings.relevanceThreshold(), caller);
        }
        catalog.requireEditable(name, caller);
        return catalog.find(name, caller);
    }

    @GetMapping("/{name}")
    CollectionSummary get(@PathVariable String name, Caller caller) {
        return catalog.find(name, caller);
    }

    @GetMapping("/{name}/access")
    CollectionAccess access(@PathVariable String name, Caller caller) {
        return catalog.access(name, caller);
    }

    @PutMapping("/{name}/access")
    CollectionAccess setAccess(
            @PathVariable String name, @RequestBody CollectionAccess access, Caller caller) {
        return catalog.setAccess(name, access.readers(), access.editors(), caller);
    }
}
