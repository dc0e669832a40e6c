package com.verity.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an API key may be used for. A signed-in user (session or HTTP Basic) has every scope; a key
 * has the ones it was created with, and never more than its owner's roles allow.
 */
public enum Scope {
    /** search and read documents */
    READ,
    /** answers and conversations */
    ASK,
    /** upload, replace, delete, sync */
    WRITE,
    /** admin endpoints */
    ADMIN,
    /** scraping {@code /actuator/prometheus} (an admin's key for Prometheus, and nothing else) */
    METRICS;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope written as in the API ({@code read}, ...), or an exception naming the choices. */
    @JsonCreator
    public static Scope of(String value) {
        return Arrays.stream(values())
                .filter(scope -> scope.value().equals(value))
                .findFirst()
                .orElseThrow(() -> SecurityException.unknownScope(value));
    }

    /** The Spring Security authority of the scope. */
    String authority() {
        return "SCOPE_" + value();
    }
}
