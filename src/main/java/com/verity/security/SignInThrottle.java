package com.verity.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks a username, or a client address trying unknown usernames, after too many failed sign-ins
 * (form or HTTP Basic) within a window: further attempts get 429 for the lockout, right password or
 * not. The counts live in PostgreSQL, so every instance enforces the same lock.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    static final String USER = "user:";
    static final String ADDRESS = "address:";

    private final JdbcClient jdbc;
    private final SecurityProperties.SignIn limits;
    private final AuditLog audit;
    private final AccountCache cache;

    SignInThrottle(
            JdbcClient jdbc, SecurityProperties properties, AuditLog audit, AccountCache cache) {
        this.jdbc = jdbc;
        this.limits = properties.signIn();
        this.audit = audit;
        this.cache = cache;
    }

    /** Until when an attempt for this username (may be null) or from this address is refused. */
    Optional<Instant> lockedUntil(String username, String address) {
        return jdbc.sql(
                        """
                        select max(locked_until) from sign_in_throttle
                        where key in (:user, :address) and locked_until > now()
                        """)
                .param("user", USER + username)
                .param("address", ADDRESS + address)
                .query((rs, row) -> UserStore.instant(rs.getTimestamp(1)))
                .optional()
                .filter(java.util.Objects::nonNull);
    }

    /** Seconds until an attempt may be made again, at least one. */
    static long retryAfterSeconds(Instant until) {
        return Math.max(1, Duration.between(Instant.now(), until).toSeconds() + 1);
    }

    /**
     * Counts an attempt before its password is checked, against the username when it names an
     * account, else against the address: an attempt beyond the limit is refused without hashing, so
     * concurrent guesses cannot slip past the count. Returns the lock when it is one too many.
     */
    Optional<Instant> attempt(String username, boolean known, String address) {
        String key = key(username, known, address);
        int failures =
                jdbc.sql(
                                """
                                insert into sign_in_throttle (key, failures, window_started_at)
                                values (:key, 1, now())
                                on conflict (key) do update set
                                    failures = case when sign_in_throttle.window_started_at
                                                         < now() - make_interval(secs => :window)
                                                    then 1 else sign_in_throttle.failures + 1 end,
                                    window_started_at = case when sign_in_throttle.window_started_at
                                                         < now() - make_interval(secs => :window)
                                                    then now() else sign_in_throttle.window_started_at end
                                returning failures
                                """)
                        .param("key", key)
                        .param("window", (double) limits.window().toSeconds())
                        .query(Integer.class)
                        .single();
        return failures > limits.maxFailures()
                ? Optional.of(lock(key, username, known, address))
                : Optional.empty();
    }

    /** The attempt failed: the failure that reaches the limit locks the username or address. */
    void failed(String username, boolean known, String address) {
        String key = key(username, known, address);
        boolean reached =
                jdbc.sql("select failures >= :max from sign_in_throttle where key = :key")
                        .param("max", limits.maxFailures())
                        .param("key", key)
                        .query(Boolean.class)
                        .optional()
                        .orElse(false);
        if (reached) {
            lock(key, username, known, address);
        }
    }

    /**
     * Locks the key for the lockout unless it is locked already; the audit log records a new lock.
     */
    private Instant lock(String key, String username, boolean known, String address) {
        Optional<Timestamp> started =
                jdbc.sql(
                                """
                                update sign_in_throttle
                                set locked_until = now() + make_interval(secs => :lockout)
                                where key = :key and (locked_until is null or locked_until <= now())
                                returning locked_until
                                """)
                        .param("lockout", (double) limits.lockout().toSeconds())
                        .param("key", key)
                        .query(Timestamp.class)
                        .optional();
        if (started.isEmpty()) {
            return lockedUntil(username, address).orElse(Instant.now().plus(limits.lockout()));
        }
        log.warn("Too many failed sign-ins for {}: locked for {}", key, limits.lockout());
        if (known) {
            cache.changed(null, username); // the account carries its lock
        }
        audit.record(
                AuditType.SIGN_IN_THROTTLED,
                known ? username : null,
                key,
                Map.of(
                        "lockedUntil",
                        started.get().toInstant().toString(),
                        "address",
                        String.valueOf(address)));
        return started.get().toInstant();
    }

    private static String key(String username, boolean known, String address) {
        return known ? USER + username : ADDRESS + address;
    }

    /** A successful sign-in clears the username's failures. */
    void succeeded(String username) {
        jdbc.sql(
                        """
                        delete from sign_in_throttle
                        where key = :key and (locked_until is null or locked_until <= now())
                        """)
                .param("key", USER + username)
                .update();
    }
}
