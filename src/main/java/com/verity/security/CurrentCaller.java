package com.verity.security;

import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of the request being served, for code that renders for anyone (the sign-in page, the
 * navigation). Endpoints take a {@link Caller} parameter instead.
 */
public final class CurrentCaller {

    private CurrentCaller() {}

    public static Optional<Caller> get() {
        return SecurityContextHolder.getContext().getAuthentication()
                        instanceof CallerAuthentication authentication
                ? Optional.of(authentication.caller())
                : Optional.empty();
    }
}
