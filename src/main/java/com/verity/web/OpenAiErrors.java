package com.verity.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;

/**
 * The error body of the OpenAI-compatible API under {@code /v1}, which OpenAI's clients parse
 * instead of problem details: {@code {"error": {"message", "type", "code"}}}. Shared by the API's
 * own errors and the filter chain's refusals (401, 403, 429).
 */
public final class OpenAiErrors {

    private OpenAiErrors() {}

    /** Whether a request's path is the OpenAI-compatible API's. */
    public static boolean applies(String path) {
        return path.startsWith("/v1/");
    }

    /** The body for a problem: its detail as the message, its slug as the code. */
    public static Map<String, Object> body(HttpStatusCode status, String slug, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type(status.value()));
        error.put("code", slug);
        error.put("param", null);
        return Map.of("error", error);
    }

    /** OpenAI's error types, by status. */
    private static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
