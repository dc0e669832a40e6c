package com.verity.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Searches and questions per user and per API key: Bucket4j token buckets that refill evenly over a
 * minute (verity.security.rate-limits). A call with a key takes from the key's bucket and from its
 * owner's, so a runaway script stays within its own budget and more keys give no more. Over the
 * limit: 429 with Retry-After. The buckets live in this instance's memory, so with several
 * instances each allows the configured rate.
 */
@Service
public class RateLimits {

    /** What is limited. */
    public enum Kind {
        SEARCH("searches"),
        ASK("questions");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }
    }

    private static final Duration IDLE = Duration.ofMinutes(10);

    private final SecurityProperties.RateLimits limits;
    private final Cache<String, Bucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(IDLE).maximumSize(100_000).build();

    RateLimits(SecurityProperties properties) {
        this.limits = properties.rateLimits();
    }

    /** Takes one request from the caller's budget, or throws the 429 problem to answer with. */
    public void check(Caller caller, Kind kind) {
        int perMinute = kind == Kind.SEARCH ? limits.searchPerMinute() : limits.askPerMinute();
        if (perMinute == 0) {
            return;
        }
        if (caller.apiKeyId() != null) {
            take(kind, perMinute, ":key:" + caller.apiKeyId());
        }
        take(kind, perMinute, ":user:" + caller.userId());
    }

    private void take(Kind kind, int perMinute, String owner) {
        Bucket bucket =
                buckets.get(
                        kind.name() + owner,
                        k ->
                                Bucket.builder()
                                        .addLimit(
                                                limit ->
                                                        limit.capacity(perMinute)
                                                                .refillGreedy(
                                                                        perMinute,
                                                                        Duration.ofMinutes(1)))
                                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds =
                    Math.max(
                            1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            throw SecurityException.rateLimited(kind.plural, seconds);
        }
    }
}
