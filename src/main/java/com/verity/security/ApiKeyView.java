package com.verity.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as the REST API shows it. {@code key} is set only in the answer to its creation (it is
 * stored hashed and cannot be shown again); listings show its first characters ({@code prefix}).
 */
public record ApiKeyView(
        UUID id,
        String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key,
        String prefix,
        String owner,
        List<Scope> scopes,
        Instant expiresAt,
        Instant createdAt,
        Instant lastUsedAt) {

    /** Whether the key has expired (a listing shows expired keys until they are revoked). */
    public boolean expired() {
        return expiresAt != null && expiresAt.isBefore(Instant.now());
    }
}
