package com.verity.security;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking the password: the username or address is locked. */
class SignInThrottledException extends AuthenticationException {

    private final Instant until;

    SignInThrottledException(Instant until) {
        super("Too many failed sign-ins");
        this.until = until;
    }

    long retryAfterSeconds() {
        return SignInThrottle.retryAfterSeconds(until);
    }
}
