package com.verity.assistant;

import com.verity.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/collections/{c}/routing}: which model answers first, and when to escalate. */
@RestController
class RoutingController {

    private final Routings routings;

    RoutingController(Routings routings) {
        this.routings = routings;
    }

    @GetMapping("/api/collections/{collection}/routing")
    Routing routing(@PathVariable String collection, Caller caller) {
        return routings.get(collection, caller);
    }

    @PutMapping(
            path = "/api/collections/{collection}/routing",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    Routing change(
            @PathVariable String collection, @RequestBody Routings.Change change, Caller caller) {
        return routings.put(collection, change, caller);
    }
}
