package com.verity.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for scripts and other clients: created by their owner (shown once), listed, revoked at
 * once; each acts as its owner, limited to its scopes and to what the owner's roles allow now.
 */
@Service
public class ApiKeys {

    /** What every key starts with, so a leaked one is easy to recognise (and to scan for). */
    static final String PREFIX = "vk_";

    private static final int SHOWN_CHARACTERS = 10;
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final ApiKeyStore keys;
    private final AccountCache cache;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();
    private final Cache<UUID, Boolean> recentlyTouched =
            Caffeine.newBuilder().expireAfterWrite(TOUCH_EVERY).maximumSize(10_000).build();

    ApiKeys(ApiKeyStore keys, AccountCache cache, AuditLog audit) {
        this.keys = keys;
        this.cache = cache;
        this.audit = audit;
    }

    /** A new key of the caller's; the answer is the only place the key itself ever appears. */
    @Transactional
    public ApiKeyView create(
            Caller caller, String name, List<String> scopeNames, Instant expiresAt) {
        requireKeyManagement(caller);
        if (name == null || name.isBlank()) {
            throw SecurityException.missingName("API key");
        }
        if (name.strip().length() > 100) {
            throw SecurityException.invalid(
                    "name-too-long", "Name too long", "Keep the key's name under 100 characters.");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (scopeNames == null || scopeNames.isEmpty()) {
            scopes.addAll(EnumSet.of(Scope.READ, Scope.ASK));
        } else {
            scopeNames.forEach(scope -> scopes.add(Scope.of(scope)));
        }
        for (Scope scope : scopes) {
            Role needed = roleFor(scope);
            if (!caller.has(needed)) {
                throw SecurityException.scopeBeyondRole(scope, needed);
            }
            if (caller.apiKeyId() != null && !caller.scopes().contains(scope)) {
                throw SecurityException.scopeBeyondRole(scope, needed);
            }
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw SecurityException.keyExpiryInPast();
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        keys.insert(
                id,
                caller.userId(),
                name.strip(),
                key.substring(0, SHOWN_CHARACTERS),
                hash(key),
                scopes,
                expiresAt);
        audit.record(
                AuditType.API_KEY_CREATED,
                caller,
                id.toString(),
                Map.of(
                        "name",
                        name.strip(),
                        "scopes",
                        scopes.stream().sorted().map(Scope::value).toList()));
        ApiKeyView stored = keys.view(id).orElseThrow();
        return new ApiKeyView(
                stored.id(),
                stored.name(),
                key,
                stored.prefix(),
                stored.owner(),
                stored.scopes(),
                stored.expiresAt(),
                stored.createdAt(),
                null);
    }

    /** The caller's keys; an admin's listing holds everybody's. */
    public List<ApiKeyView> list(Caller caller) {
        requireKeyManagement(caller);
        return keys.list(caller.isAdmin() ? null : caller.userId());
    }

    /** Revokes a key of the caller's (an admin: anybody's); the next call with it gets 401. */
    @Transactional
    public void revoke(Caller caller, UUID id) {
        requireKeyManagement(caller);
        if (!keys.revoke(id, caller.isAdmin() ? null : caller.userId())) {
            throw SecurityException.keyNotFound(id);
        }
        cache.keyChanged(id);
        audit.record(AuditType.API_KEY_REVOKED, caller, id.toString(), Map.of());
    }

    /** The caller a key stands for now, if it is a valid key. */
    Optional<Caller> authenticate(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(key);
        Optional<ApiKeyStore.ActiveKey> found = cache.key(hash, () -> keys.findActive(hash));
        if (found.isEmpty()
                || (found.get().expiresAt() != null
                        && !found.get().expiresAt().isAfter(Instant.now()))) {
            return Optional.empty();
        }
        ApiKeyStore.ActiveKey active = found.get();
        Account account = active.owner();
        if (!account.enabled()) {
            return Optional.empty();
        }
        if (recentlyTouched.asMap().putIfAbsent(active.id(), Boolean.TRUE) == null) {
            keys.touch(active.id());
        }
        Set<Role> roles = account.effectiveRoles();
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        active.scopes().stream()
                .filter(scope -> roles.contains(roleFor(scope)))
                .forEach(scopes::add);
        return Optional.of(
                new Caller(
                        account.id(),
                        account.username(),
                        account.displayName(),
                        roles,
                        account.groups(),
                        scopes,
                        active.id()));
    }

    /** Keys are managed with a password, or with a key that has the admin scope. */
    private static void requireKeyManagement(Caller caller) {
        if (caller.apiKeyId() != null && !caller.scopes().contains(Scope.ADMIN)) {
            throw SecurityException.forbidden(
                    "API keys are managed by a signed-in user, or with a key of the admin scope.");
        }
    }

    /** The role a scope is any use with. */
    static Role roleFor(Scope scope) {
        return switch (scope) {
            case READ, ASK -> Role.AGENT;
            case WRITE -> Role.EDITOR;
            case ADMIN, METRICS -> Role.ADMIN;
        };
    }

    static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
