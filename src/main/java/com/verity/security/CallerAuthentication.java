package com.verity.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated caller. A session's token (form login or single sign-on) is re-read from the
 * account on every request ({@code CallerRefreshFilter}); HTTP Basic and API key calls build theirs
 * from the account on each request. Either way the caller's roles and groups are current.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    /** How the caller proved who they are. */
    enum Source {
        SESSION,
        BASIC,
        API_KEY
    }

    private final Caller caller;
    private final Source source;

    CallerAuthentication(Caller caller, Source source) {
        super(authorities(caller));
        this.caller = caller;
        this.source = source;
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    Source source() {
        return source;
    }

    boolean viaKey() {
        return source == Source.API_KEY;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.username();
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        caller.roles()
                .forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        caller.scopes()
                .forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
        return authorities;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerAuthentication that
                && caller.equals(that.caller)
                && source == that.source;
    }

    @Override
    public int hashCode() {
        return caller.hashCode() * 31 + source.hashCode();
    }
}
