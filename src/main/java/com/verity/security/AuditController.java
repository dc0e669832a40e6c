package com.verity.security;

import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log over REST (admins), newest first, filtered by type, actor and time. */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit-events")
    AuditLog.Page events(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return audit.page(
                new AuditLog.Filter(type(type), blankToNull(actor), from, to), page, size);
    }

    private static AuditType type(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return AuditType.valueOf(type.strip());
        } catch (IllegalArgumentException e) {
            throw SecurityException.invalid(
                    "unknown-audit-type",
                    "Unknown event type",
                    "'%s' is not an audit event type; use one of %s."
                            .formatted(type, java.util.Arrays.toString(AuditType.values())));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
