package com.verity.security;

import java.time.Instant;
import java.util.List;

/** A user as the REST API shows it: {@code GET /api/users}, {@code /api/users/{username}}. */
public record UserView(
        String username,
        String displayName,
        List<Role> roles,
        List<String> groups,
        boolean enabled,
        Instant createdAt) {}
