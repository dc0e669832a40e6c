package com.verity.security;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit log.
 *
 * @param actor the user who acted; null for the service itself (schedules, start-up)
 * @param target what was acted on: a username, a collection, a document id, a key id, ...
 * @param clientAddress the address the request came from, null outside a request
 */
public record AuditEvent(
        long id,
        AuditType type,
        String actor,
        String target,
        String clientAddress,
        Instant at,
        Map<String, Object> details) {}
