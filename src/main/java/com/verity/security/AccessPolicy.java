package com.verity.security;

import static com.verity.security.Access.PUBLIC;
import static com.verity.security.Access.SIGNED_IN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every endpoint and page with the access it needs, in one table. The filter chain decides every
 * request by it and denies whatever it does not list; {@code AccessPolicyTest} fails when a request
 * mapping of the application has no rule here, so no endpoint ships open by accident. Rules about
 * one collection or document (who may read or edit it) are enforced by the modules, in their SQL.
 */
public final class AccessPolicy {

    /** One row: requests of this method (null: any) matching this path pattern need this. */
    public record Rule(HttpMethod method, String pattern, Access access) {}

    /** A rule with its pattern parsed once. */
    private record Compiled(Rule rule, PathPattern pattern) {
        /** HEAD is GET without the body: a GET rule decides it too. */
        boolean matches(String method, PathContainer path) {
            return (rule.method() == null
                            || rule.method().matches(method)
                            || (rule.method() == GET && "HEAD".equals(method)))
                    && pattern.matches(path);
        }
    }

    private static final Access AGENT_READ = Access.of(Role.AGENT, Scope.READ);
    private static final Access AGENT_ASK = Access.of(Role.AGENT, Scope.ASK);
    private static final Access EDITOR_READ = Access.of(Role.EDITOR, Scope.READ);
    private static final Access EDITOR_WRITE = Access.of(Role.EDITOR, Scope.WRITE);
    private static final Access ADMIN = Access.of(Role.ADMIN, Scope.ADMIN);

    static final List<Rule> RULES =
            List.of(
                    // sign-in, static assets, health probes
                    rule(GET, "/login", PUBLIC),
                    rule(null, "/login/throttled", PUBLIC),
                    rule(GET, "/oauth2/authorization/{registration}", PUBLIC),
                    rule(null, "/login/oauth2/code/{registration}", PUBLIC),
                    rule(GET, "/css/**", PUBLIC),
                    rule(GET, "/js/**", PUBLIC),
                    rule(GET, "/webjars/**", PUBLIC),
                    rule(GET, "/favicon.ico", PUBLIC),
                    rule(null, "/error", PUBLIC),
                    rule(GET, "/actuator/health", PUBLIC),
                    rule(GET, "/actuator/health/liveness", PUBLIC),
                    rule(GET, "/actuator/health/readiness", PUBLIC),
                    // Prometheus scrapes with an admin's key of the metrics scope (or as an admin)
                    rule(GET, "/actuator/prometheus", Access.of(Role.ADMIN, Scope.METRICS)),
                    rule(null, "/actuator/**", ADMIN),
                    // the OpenAPI description and Swagger UI: admins, unless
                    // verity.security.api-docs-public opens them
                    rule(GET, "/v3/api-docs", Access.API_DOCS),
                    rule(GET, "/v3/api-docs/**", Access.API_DOCS),
                    rule(GET, "/v3/api-docs.yaml", Access.API_DOCS),
                    rule(GET, "/swagger-ui.html", Access.API_DOCS),
                    rule(GET, "/swagger-ui/**", Access.API_DOCS),
                    // the caller, accounts, keys, audit log
                    rule(GET, "/api/me", SIGNED_IN),
                    rule(PUT, "/api/me/password", Access.passwordOnly()),
                    rule(GET, "/api/users", ADMIN),
                    rule(POST, "/api/users", ADMIN),
                    rule(GET, "/api/users/{username}", ADMIN),
                    rule(PATCH, "/api/users/{username}", ADMIN),
                    rule(DELETE, "/api/users/{username}", ADMIN),
                    rule(GET, "/api/groups", ADMIN),
                    rule(DELETE, "/api/users/{username}/conversations", ADMIN),
                    rule(GET, "/api/retention", ADMIN),
                    rule(POST, "/api/retention/run", ADMIN),
                    // managed with a password, or with a key of the admin scope (ApiKeyController)
                    rule(GET, "/api/api-keys", SIGNED_IN),
                    rule(POST, "/api/api-keys", SIGNED_IN),
                    rule(DELETE, "/api/api-keys/{id}", SIGNED_IN),
                    rule(GET, "/api/audit-events", ADMIN),
                    // collections and documents
                    rule(GET, "/api/collections", AGENT_READ),
                    rule(POST, "/api/collections", EDITOR_WRITE),
                    rule(GET, "/api/collections/{collection}", AGENT_READ),
                    rule(PATCH, "/api/collections/{collection}", EDITOR_WRITE),
                    rule(GET, "/api/collections/{collection}/access", EDITOR_READ),
                    rule(PUT, "/api/collections/{collection}/access", ADMIN),
                    rule(GET, "/api/collections/{collection}/documents", AGENT_READ),
                    rule(POST, "/api/collections/{collection}/documents", EDITOR_WRITE),
                    rule(GET, "/api/documents/{id}", AGENT_READ),
                    rule(GET, "/api/documents/{id}/content", AGENT_READ),
                    rule(PATCH, "/api/documents/{id}", EDITOR_WRITE),
                    rule(DELETE, "/api/documents/{id}", EDITOR_WRITE),
                    rule(GET, "/api/folder-sources", EDITOR_READ),
                    rule(GET, "/api/folder-sources/{name}", EDITOR_READ),
                    rule(POST, "/api/folder-sources/{name}/sync", EDITOR_WRITE),
                    rule(GET, "/api/folder-sources/{name}/runs", EDITOR_READ),
                    rule(GET, "/api/folder-sources/{name}/runs/{id}", EDITOR_READ),
                    // search and answers
                    rule(POST, "/api/search", AGENT_READ),
                    rule(POST, "/api/ask", AGENT_ASK),
                    rule(POST, "/api/ask/stream", AGENT_ASK),
                    rule(GET, "/api/models", AGENT_ASK),
                    // the OpenAI-compatible API: answers, so the ask scope
                    rule(GET, "/v1/models", AGENT_ASK),
                    rule(POST, "/v1/chat/completions", AGENT_ASK),
                    // the MCP server: each tool checks the scope its REST twin needs
                    rule(POST, "/mcp", Access.of(Role.AGENT, null)),
                    rule(GET, "/mcp", Access.of(Role.AGENT, null)),
                    rule(DELETE, "/mcp", Access.of(Role.AGENT, null)),
                    // managing models: admins
                    rule(POST, "/api/models/pull", ADMIN),
                    rule(POST, "/api/models/variants", ADMIN),
                    rule(GET, "/api/models/jobs", ADMIN),
                    rule(GET, "/api/models/jobs/{id}", ADMIN),
                    rule(PUT, "/api/models/{*name}", ADMIN),
                    rule(DELETE, "/api/models/{*name}", ADMIN),
                    rule(GET, "/api/collections/{collection}/routing", ADMIN),
                    rule(PUT, "/api/collections/{collection}/routing", ADMIN),
                    rule(GET, "/api/conversations/{id}", AGENT_ASK),
                    rule(PUT, "/api/conversations/{id}/turns/{turn}/rating", AGENT_ASK),
                    rule(GET, "/api/collections/{collection}/conversations", AGENT_ASK),
                    rule(GET, "/api/collections/{collection}/insight", EDITOR_READ),
                    rule(GET, "/api/collections/{collection}/usage", EDITOR_READ),
                    rule(GET, "/api/collections/{collection}/rated-down", EDITOR_READ),
                    rule(GET, "/api/collections/{collection}/content-gaps", EDITOR_READ),
                    // golden sets: editors of the collection (checked against it per request)
                    rule(GET, "/api/collections/{collection}/golden-sets", EDITOR_READ),
                    rule(POST, "/api/collections/{collection}/golden-sets", EDITOR_WRITE),
                    rule(GET, "/api/golden-sets/{id}", EDITOR_READ),
                    rule(GET, "/api/golden-sets/{id}/items", EDITOR_READ),
                    rule(DELETE, "/api/golden-sets/{id}", EDITOR_WRITE),
                    rule(
                            POST,
                            "/api/collections/{collection}/golden-sets/from-feedback",
                            EDITOR_WRITE),
                    rule(POST, "/api/collections/{collection}/golden-sets/generate", EDITOR_WRITE),
                    rule(POST, "/api/golden-sets/{id}/items", EDITOR_WRITE),
                    rule(PUT, "/api/golden-sets/{id}/items/{position}", EDITOR_WRITE),
                    rule(DELETE, "/api/golden-sets/{id}/items/{position}", EDITOR_WRITE),
                    // evaluations: editors of the collection (checked against it per request)
                    rule(POST, "/api/evaluations", EDITOR_WRITE),
                    rule(GET, "/api/evaluations", EDITOR_READ),
                    rule(GET, "/api/evaluations/{id}", EDITOR_READ),
                    rule(POST, "/api/evaluations/{id}/cancel", EDITOR_WRITE),
                    rule(GET, "/api/evaluations/{id}/items", EDITOR_READ),
                    rule(GET, "/api/evaluations/{id}/report.csv", EDITOR_READ),
                    rule(GET, "/api/evaluations/{id}/report.html", EDITOR_READ),
                    // the arena: any reader of the collection compares and votes
                    rule(POST, "/api/ask/compare", AGENT_ASK),
                    rule(PUT, "/api/comparisons/{id}/vote", AGENT_ASK),
                    rule(GET, "/api/collections/{collection}/arena", AGENT_READ),
                    // review queue and verified answers: editors of the collection (checked per
                    // request)
                    rule(GET, "/api/review-queue", EDITOR_READ),
                    rule(GET, "/api/review-queue/{id}", EDITOR_READ),
                    rule(POST, "/api/review-queue/{id}/dismiss", EDITOR_WRITE),
                    rule(POST, "/api/collections/{collection}/verified-answers", EDITOR_WRITE),
                    rule(GET, "/api/collections/{collection}/verified-answers", EDITOR_READ),
                    rule(GET, "/api/verified-answers/{id}", EDITOR_READ),
                    rule(PUT, "/api/verified-answers/{id}", EDITOR_WRITE),
                    rule(DELETE, "/api/verified-answers/{id}", EDITOR_WRITE),
                    rule(GET, "/api/collections/{collection}/training-data", EDITOR_READ),
                    // re-index jobs
                    rule(GET, "/api/reindex-jobs", ADMIN),
                    rule(POST, "/api/reindex-jobs", ADMIN),
                    rule(GET, "/api/reindex-jobs/{id}", ADMIN),
                    rule(POST, "/api/reindex-jobs/{id}/cancel", ADMIN),
                    // pages and their fragments: the agents' page
                    rule(GET, "/", AGENT_ASK),
                    rule(POST, "/ui/questions", AGENT_ASK),
                    rule(GET, "/ui/questions/{id}/stream", AGENT_ASK),
                    rule(POST, "/ui/ratings", AGENT_ASK),
                    rule(POST, "/ui/comparisons", AGENT_ASK),
                    rule(POST, "/ui/comparisons/{id}/vote", AGENT_ASK),
                    rule(GET, "/ui/sources", AGENT_READ),
                    rule(GET, "/account", SIGNED_IN),
                    rule(POST, "/ui/account/password", Access.passwordOnly()),
                    rule(POST, "/ui/api-keys", SIGNED_IN),
                    rule(POST, "/ui/api-keys/{id}/revoke", SIGNED_IN),
                    // editors' pages
                    rule(GET, "/admin/documents", EDITOR_READ),
                    rule(GET, "/admin/documents/{id}", EDITOR_READ),
                    rule(GET, "/ui/documents/table", EDITOR_READ),
                    rule(POST, "/ui/collections", EDITOR_WRITE),
                    rule(DELETE, "/ui/documents/{id}", EDITOR_WRITE),
                    rule(POST, "/ui/documents/{id}/access", EDITOR_WRITE),
                    rule(GET, "/admin/insight", EDITOR_READ),
                    rule(GET, "/admin/evaluations", EDITOR_READ),
                    rule(GET, "/admin/evaluations/{id}", EDITOR_READ),
                    rule(POST, "/ui/evaluations", EDITOR_WRITE),
                    rule(GET, "/admin/golden-sets/{id}", EDITOR_READ),
                    rule(POST, "/ui/golden-sets/{id}/items/{position}", EDITOR_WRITE),
                    rule(POST, "/ui/golden-sets/{id}/items", EDITOR_WRITE),
                    rule(POST, "/ui/golden-sets/{id}/items/{position}/delete", EDITOR_WRITE),
                    rule(POST, "/ui/golden-sets/from-feedback", EDITOR_WRITE),
                    rule(POST, "/ui/golden-sets/generate", EDITOR_WRITE),
                    rule(GET, "/admin/review", EDITOR_READ),
                    rule(POST, "/ui/review/publish", EDITOR_WRITE),
                    rule(POST, "/ui/review/{id}/dismiss", EDITOR_WRITE),
                    rule(POST, "/ui/verified-answers/{id}/delete", EDITOR_WRITE),
                    // admins' pages
                    rule(GET, "/admin/reindex", ADMIN),
                    rule(GET, "/ui/reindex-jobs/{id}", ADMIN),
                    rule(POST, "/ui/reindex-jobs", ADMIN),
                    rule(POST, "/ui/reindex-jobs/{id}/cancel", ADMIN),
                    rule(GET, "/admin/users", ADMIN),
                    rule(POST, "/ui/users", ADMIN),
                    rule(POST, "/ui/users/{username}", ADMIN),
                    rule(POST, "/ui/users/{username}/delete", ADMIN),
                    rule(GET, "/admin/collections/{collection}/access", ADMIN),
                    rule(POST, "/ui/collections/{collection}/access", ADMIN),
                    rule(GET, "/admin/audit", ADMIN),
                    rule(GET, "/admin/models", ADMIN),
                    rule(GET, "/ui/models/jobs/{id}", ADMIN),
                    rule(POST, "/ui/models/pull", ADMIN),
                    rule(POST, "/ui/models/variants", ADMIN),
                    rule(POST, "/ui/models/settings", ADMIN),
                    rule(POST, "/ui/models/delete", ADMIN));

    private static final List<Compiled> COMPILED =
            RULES.stream()
                    .map(
                            rule ->
                                    new Compiled(
                                            rule,
                                            PathPatternParser.defaultInstance.parse(
                                                    rule.pattern())))
                    .toList();

    private AccessPolicy() {}

    private static Rule rule(HttpMethod method, String pattern, Access access) {
        return new Rule(method, pattern, access);
    }

    /** The rules, in the order they are applied (the first that matches decides). */
    public static List<Rule> rules() {
        return RULES;
    }

    /**
     * The rule that decides this request, if any does (none: denied): the first whose method and
     * pattern match, the path parsed once for all of them.
     */
    public static Optional<Rule> ruleFor(HttpServletRequest request) {
        PathContainer path =
                RequestPath.parse(request.getRequestURI(), request.getContextPath())
                        .pathWithinApplication();
        for (Compiled compiled : COMPILED) {
            if (compiled.matches(request.getMethod(), path)) {
                return Optional.of(compiled.rule());
            }
        }
        return Optional.empty();
    }
}
