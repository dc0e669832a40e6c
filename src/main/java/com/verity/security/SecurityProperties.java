package com.verity.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the service and how: the first admin, the host names requests may name, single
 * sign-on, sign-in throttling, API keys and rate limits.
 *
 * @param admin the first admin, created at start-up when missing
 * @param publicUrl the address users reach the service at (e.g. https://kb.example.com); its host
 *     is allowed, and it is where single sign-on sends users back to
 * @param allowedHosts host names a request's Host header may carry (besides the public URL's);
 *     anything else is refused with 400 before authentication (DNS rebinding)
 * @param passwordMinLength shortest password accepted
 * @param basicCacheTtl how long verified HTTP Basic credentials are remembered (under a keyed
 *     hash), so scripts do not pay for a password hash on every call
 * @param signIn when failed sign-ins lock a username or a client address
 * @param oidc how users signing in through an OpenID Connect provider get their roles and groups
 * @param rateLimits questions and searches allowed per user or API key
 * @param apiDocsPublic whether the OpenAPI description and Swagger UI are open to anyone (else:
 *     admins)
 */
@Validated
@ConfigurationProperties("verity.security")
public record SecurityProperties(
        @DefaultValue @Valid Admin admin,
        @DefaultValue("") String publicUrl,
        @DefaultValue({"localhost", "127.0.0.1", "::1"}) List<String> allowedHosts,
        @DefaultValue("12") @Min(8) int passwordMinLength,
        @DefaultValue("5m") Duration basicCacheTtl,
        @DefaultValue @Valid SignIn signIn,
        @DefaultValue @Valid Oidc oidc,
        @DefaultValue @Valid RateLimits rateLimits,
        @DefaultValue("false") boolean apiDocsPublic) {

    public SecurityProperties {
        publicUrl = publicUrl == null ? "" : publicUrl.strip();
        if (!publicUrl.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(publicUrl);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null || uri.getScheme() == null) {
                throw new IllegalArgumentException(
                        ("verity.security.public-url '%s' is not an absolute URL: write it as"
                                        + " https://kb.example.com (the address users open)")
                                .formatted(publicUrl));
            }
        }
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** Every host name a request may carry: the configured ones and the public URL's. */
    public Set<String> hosts() {
        Set<String> hosts = new LinkedHashSet<>();
        allowedHosts.stream()
                .map(host -> host.strip().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .forEach(hosts::add);
        if (!publicUrl.isEmpty()) {
            hosts.add(URI.create(publicUrl).getHost().toLowerCase(Locale.ROOT));
        }
        return hosts;
    }

    /**
     * @param username the first admin's name; blank: {@code admin}, with a random password logged
     *     once, when no admin exists yet
     * @param password the first admin's password (at least password-min-length characters)
     */
    public record Admin(@DefaultValue("") String username, @DefaultValue("") String password) {}

    /**
     * @param maxFailures failed sign-ins within {@code window} that lock a username or an address
     * @param window the period failures are counted in
     * @param lockout how long a locked username or address gets 429
     */
    public record SignIn(
            @DefaultValue("5") @Min(1) int maxFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("5m") Duration lockout) {}

    /**
     * @param groupsClaim the ID token or user-info claim that lists the user's groups
     * @param usernameClaim the claim that becomes the username (falls back to email, then subject)
     * @param roleMapping provider group -> Verity role (AGENT, EDITOR, ADMIN)
     * @param defaultRoles roles of users none of whose groups is mapped
     */
    public record Oidc(
            @DefaultValue("groups") @NotBlank String groupsClaim,
            @DefaultValue("preferred_username") @NotBlank String usernameClaim,
            @DefaultValue Map<String, Role> roleMapping,
            @DefaultValue("AGENT") Set<Role> defaultRoles) {

        public Oidc {
            roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
            defaultRoles = defaultRoles == null ? Set.of() : Set.copyOf(defaultRoles);
        }
    }

    /**
     * Token buckets per user (or per API key, which has its own): each allows this many requests a
     * minute, refilled evenly; 0 switches the limit off.
     *
     * @param searchPerMinute searches (POST /api/search)
     * @param askPerMinute questions (POST /api/ask, /api/ask/stream and the agents' page)
     */
    public record RateLimits(
            @DefaultValue("3000") @Min(0) int searchPerMinute,
            @DefaultValue("60") @Min(0) int askPerMinute) {}
}
