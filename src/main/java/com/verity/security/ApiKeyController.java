package com.verity.security;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** API keys over REST: one's own (an admin sees and revokes everybody's). */
@RestController
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    record NewKey(String name, List<String> scopes, Instant expiresAt) {}

    @PostMapping("/api/api-keys")
    ResponseEntity<ApiKeyView> create(@RequestBody NewKey key, Caller caller) {
        ApiKeyView created = keys.create(caller, key.name(), key.scopes(), key.expiresAt());
        return ResponseEntity.created(URI.create("/api/api-keys/" + created.id())).body(created);
    }

    @GetMapping("/api/api-keys")
    List<ApiKeyView> list(Caller caller) {
        return keys.list(caller);
    }

    @DeleteMapping("/api/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID id, Caller caller) {
        keys.revoke(caller, id);
        return ResponseEntity.noContent().build();
    }
}
