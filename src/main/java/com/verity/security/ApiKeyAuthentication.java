package com.verity.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * {@code Authorization: Bearer <key>}: the converter reads the key off the request, the provider
 * turns a valid one into its owner as a caller with the key's scopes.
 */
final class ApiKeyAuthentication {

    private static final String BEARER = "Bearer ";

    private ApiKeyAuthentication() {}

    /** A key as presented, not checked yet. */
    static final class PresentedKey extends AbstractAuthenticationToken {
        private final String key;

        PresentedKey(String key) {
            super(java.util.List.of());
            this.key = key;
        }

        @Override
        public Object getCredentials() {
            return key;
        }

        @Override
        public Object getPrincipal() {
            return null;
        }
    }

    static final class Converter implements AuthenticationConverter {
        @Override
        public Authentication convert(HttpServletRequest request) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return null;
            }
            return new PresentedKey(header.substring(BEARER.length()).strip());
        }
    }

    static final class Provider implements AuthenticationProvider {
        private final ApiKeys keys;

        Provider(ApiKeys keys) {
            this.keys = keys;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            return keys.authenticate((String) authentication.getCredentials())
                    .map(
                            caller ->
                                    new CallerAuthentication(
                                            caller, CallerAuthentication.Source.API_KEY))
                    .orElseThrow(
                            () ->
                                    new BadCredentialsException(
                                            "Unknown, expired or revoked API key"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return PresentedKey.class.isAssignableFrom(authentication);
        }
    }
}
