package com.verity.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Passwords verified recently, so a script calling with HTTP Basic pays for the adaptive hash once
 * per {@code basic-cache-ttl}, not on every call. Kept under an HMAC of the credentials with a key
 * made at start-up and never stored, together with the account's password hash at the time: a
 * changed password no longer matches, and the cache holds nothing that helps guess a password.
 */
@Component
class VerifiedPasswords {

    private static final int MAX_ENTRIES = 10_000;

    private final Cache<String, String> verified;
    private final SecretKeySpec key;

    VerifiedPasswords(SecurityProperties properties) {
        this.verified =
                Caffeine.newBuilder()
                        .expireAfterWrite(properties.basicCacheTtl())
                        .maximumSize(MAX_ENTRIES)
                        .build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether these credentials were verified against this password hash lately. */
    boolean known(String username, String password, String passwordHash) {
        return passwordHash != null
                && passwordHash.equals(verified.getIfPresent(mac(username, password)));
    }

    void remember(String username, String password, String passwordHash) {
        verified.put(mac(username, password), passwordHash);
    }

    private String mac(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
