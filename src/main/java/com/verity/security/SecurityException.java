package com.verity.security;

import com.verity.web.ProblemException;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Requests about accounts, keys and access that cannot be served, with what to do instead. */
public class SecurityException extends ProblemException {

    private SecurityException(HttpStatus status, String slug, String title, String detail) {
        super(status, slug, title, detail);
    }

    static SecurityException invalid(String slug, String title, String detail) {
        return new SecurityException(HttpStatus.BAD_REQUEST, slug, title, detail);
    }

    /** An authenticated caller that may not do this; says why. */
    public static SecurityException forbidden(String detail) {
        return new SecurityException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    static SecurityException unknownRole(String role) {
        return invalid(
                "unknown-role",
                "Unknown role",
                "'%s' is not a role; use AGENT, EDITOR or ADMIN.".formatted(role));
    }

    static SecurityException unknownScope(String scope) {
        return invalid(
                "unknown-scope",
                "Unknown scope",
                "'%s' is not an API key scope; use %s."
                        .formatted(
                                scope,
                                String.join(
                                        ", ",
                                        Arrays.stream(Scope.values()).map(Scope::value).toList())));
    }

    static SecurityException weakPassword(int minLength) {
        return invalid(
                "weak-password",
                "Password too short",
                ("A password needs at least %d characters; a few unrelated words make a long one that"
                                + " is easy to remember.")
                        .formatted(minLength));
    }

    static SecurityException invalidUsername(String username) {
        return invalid(
                "invalid-username",
                "Invalid username",
                ("'%s' is not a username: use 1 to 100 characters a-z, 0-9 and . _ @ + -, starting"
                                + " with a letter or digit (an e-mail address works).")
                        .formatted(username));
    }

    static SecurityException invalidGroup(String group) {
        return invalid(
                "invalid-group",
                "Invalid group",
                ("'%s' is not a group name: use 1 to 100 characters a-z, 0-9 and . _ : / @ -,"
                                + " starting with a letter or digit.")
                        .formatted(group));
    }

    static SecurityException invalidPrincipal(String entry) {
        return invalid(
                "invalid-access-entry",
                "Invalid access entry",
                ("'%s' names neither a group nor a user: write 'group:<name>' or 'user:<username>',"
                                + " e.g. 'group:support' or 'user:alice'.")
                        .formatted(entry));
    }

    static SecurityException userExists(String username) {
        return new SecurityException(
                HttpStatus.CONFLICT,
                "user-exists",
                "User already exists",
                "There is already a user named '%s'; change it with PATCH /api/users/%s."
                        .formatted(username, username));
    }

    static SecurityException userNotFound(String username) {
        return new SecurityException(
                HttpStatus.NOT_FOUND,
                "user-not-found",
                "User not found",
                "There is no user named '%s'; GET /api/users lists them.".formatted(username));
    }

    static SecurityException lastAdmin(String username) {
        return new SecurityException(
                HttpStatus.CONFLICT,
                "last-admin",
                "Last admin",
                ("'%s' is the only enabled admin; make another user an admin first, so someone can"
                                + " still manage the service.")
                        .formatted(username));
    }

    static SecurityException wrongPassword() {
        return invalid(
                "wrong-password",
                "Current password wrong",
                "The current password is not right; type it again (nothing was changed).");
    }

    static SecurityException noPassword() {
        return new SecurityException(
                HttpStatus.CONFLICT,
                "no-password",
                "Signs in through single sign-on",
                "This account signs in through the company's identity provider; change the"
                        + " password there.");
    }

    static SecurityException keyNotFound(UUID id) {
        return new SecurityException(
                HttpStatus.NOT_FOUND,
                "api-key-not-found",
                "API key not found",
                "There is no API key %s of yours; GET /api/api-keys lists them.".formatted(id));
    }

    static SecurityException scopeBeyondRole(Scope scope, Role needed) {
        return new SecurityException(
                HttpStatus.FORBIDDEN,
                "scope-beyond-role",
                "Scope not available",
                "A key with scope '%s' needs the %s role, which you do not have; leave it out."
                        .formatted(scope.value(), needed));
    }

    static SecurityException keyExpiryInPast() {
        return invalid(
                "invalid-expiry",
                "Expiry in the past",
                "expiresAt must lie in the future (ISO-8601, e.g. 2027-06-30T00:00:00Z); leave it"
                        + " out for a key that does not expire.");
    }

    static SecurityException missingName(String what) {
        return invalid("missing-name", "Name missing", "Give the %s a 'name'.".formatted(what));
    }

    static SecurityException invalidPage(int maxSize) {
        return invalid(
                "invalid-page",
                "Invalid page",
                "page must be 0 or more and size between 1 and %d.".formatted(maxSize));
    }

    /** A question or search over the caller's rate limit. */
    static SecurityException rateLimited(String what, long retryAfterSeconds) {
        return (SecurityException)
                new SecurityException(
                                HttpStatus.TOO_MANY_REQUESTS,
                                "rate-limited",
                                "Too many requests",
                                ("You sent more %s than your limit allows; wait %d s and try again"
                                                + " (limits: verity.security.rate-limits).")
                                        .formatted(what, retryAfterSeconds))
                        .header("Retry-After", Long.toString(retryAfterSeconds));
    }
}
