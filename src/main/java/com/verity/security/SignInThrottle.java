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

    SignInThrottle(JdbcClient jdbc, SecurityProperties properties, AuditLog audit) {
        this.jdbc = jdbc;
        this.limits = properties.signIn();
        this.audit = audit;
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
     * Counts a failed attempt: against the username when it names an account, else against the
     * address; the failure that reaches the limit locks it.
     */
    void failed(String username, boolean known, String address) {
        String key = known ? USER + username : ADDRESS + address;
        Optional<Timestamp> lock =
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
                                returning case when failures >= :max
                                               then now() + make_interval(secs => :lockout) end
                                """)
                        .param("key", key)
                        .param("window", (double) limits.window().toSeconds())
                        .param("max", limits.maxFailures())
                        .param("lockout", (double) limits.lockout().toSeconds())
                        .query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)))
                        .single();
        if (lock.isEmpty()) {
            return;
        }
        Timestamp locked = lock.get();
        jdbc.sql("update sign_in_throttle set locked_until = :until where key = :key")
                .param("until", locked)
                .param("key", key)
                .update();
        log.warn("Too many failed sign-ins for {}: locked for {}", key, limits.lockout());
        audit.record(
                AuditType.SIGN_IN_THROTTLED,
                known ? username : null,
                key,
                Map.of(
                        "lockedUntil",
                        locked.toInstant().toString(),
                        "address",
                        String.valueOf(address)));
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
