package com.verity.security;

import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a username and password (the sign-in form and HTTP Basic): refused at once while the name
 * or address is locked, then against the account's hash (or a recent verification of the same
 * credentials); a failure is counted towards the lock and recorded in the audit log.
 */
class PasswordAuthentication implements AuthenticationProvider {

    private final UserStore users;
    private final AccountCache cache;
    private final PasswordEncoder passwords;
    private final VerifiedPasswords verified;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final String unknownUserHash;

    PasswordAuthentication(
            UserStore users,
            AccountCache cache,
            PasswordEncoder passwords,
            VerifiedPasswords verified,
            SignInThrottle throttle,
            AuditLog audit) {
        this.users = users;
        this.cache = cache;
        this.passwords = passwords;
        this.verified = verified;
        this.throttle = throttle;
        this.audit = audit;
        // compared against when the username is unknown, so the answer takes as long either way
        this.unknownUserHash = passwords.encode("no such user: this never matches a password");
    }

    @Override
    public Authentication authenticate(Authentication authentication)
            throws AuthenticationException {
        String typed = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        String address = address(authentication);
        CallerAuthentication.Source source = source(authentication);
        String username = Usernames.lookupKey(typed);
        Optional<Account> account =
                username == null
                        ? Optional.empty()
                        : cache.byName(username, () -> users.find(username));
        String hash = account.map(Account::passwordHash).orElse(null);
        if (account.isPresent() && verified.known(username, password, hash)) {
            // a recent check of the same credentials; only the username's lock is looked at
            java.time.Instant lockedUntil = account.get().lockedUntil();
            if (lockedUntil != null && lockedUntil.isAfter(java.time.Instant.now())) {
                throw new SignInThrottledException(lockedUntil);
            }
            return signedIn(account.get(), source);
        }
        Optional<java.time.Instant> locked = throttle.lockedUntil(username, address);
        if (locked.isPresent()) {
            throw new SignInThrottledException(locked.get());
        }
        Optional<java.time.Instant> over = throttle.attempt(username, account.isPresent(), address);
        if (over.isPresent()) {
            throw new SignInThrottledException(over.get());
        }
        boolean matches = passwords.matches(password, hash != null ? hash : unknownUserHash);
        if (!matches || hash == null) {
            // the failure that reaches the limit is still answered as one; the next attempts get
            // 429
            throttle.failed(username, account.isPresent(), address);
            audit.record(
                    AuditType.SIGN_IN_FAILED,
                    account.isPresent() ? username : null,
                    typed == null ? null : typed.length() > 100 ? typed.substring(0, 100) : typed,
                    Map.of("method", method(source), "reason", "wrong username or password"));
            throw new BadCredentialsException("Wrong username or password");
        }
        if (!account.get().enabled()) {
            audit.record(
                    AuditType.SIGN_IN_FAILED,
                    username,
                    username,
                    Map.of("method", method(source), "reason", "account disabled"));
            throw new DisabledException("Account disabled");
        }
        verified.remember(username, password, hash);
        throttle.succeeded(username);
        return signedIn(account.get(), source);
    }

    private static Authentication signedIn(Account account, CallerAuthentication.Source source) {
        if (!account.enabled()) {
            throw new DisabledException("Account disabled");
        }
        return new CallerAuthentication(account.asCaller(), source);
    }

    private static String method(CallerAuthentication.Source source) {
        return source == CallerAuthentication.Source.BASIC ? "BASIC" : "FORM";
    }

    /** HTTP Basic authenticates one request; the sign-in form starts a session. */
    private static CallerAuthentication.Source source(Authentication authentication) {
        return authentication.getDetails() instanceof SecurityConfiguration.BasicDetails
                ? CallerAuthentication.Source.BASIC
                : CallerAuthentication.Source.SESSION;
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
