package com.verity.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A user account as stored.
 *
 * @param passwordHash the delegating encoder's hash; null for accounts that sign in through single
 *     sign-on only
 * @param oidcIssuer the identity provider that created the account, null for local accounts
 * @param lockedUntil when the username is locked by too many failed sign-ins, else null
 */
record Account(
        long id,
        String username,
        String displayName,
        String passwordHash,
        Set<Role> roles,
        Set<String> groups,
        boolean enabled,
        String oidcIssuer,
        String oidcSubject,
        Instant createdAt,
        Instant lockedUntil) {

    /** The roles the account may use: each assigned role with the ones it includes. */
    Set<Role> effectiveRoles() {
        Set<Role> effective = EnumSet.noneOf(Role.class);
        roles.forEach(role -> effective.addAll(role.included()));
        return effective;
    }

    /** The account as a caller with every scope: a session or HTTP Basic call. */
    Caller asCaller() {
        return new Caller(
                id,
                username,
                displayName,
                effectiveRoles(),
                groups,
                EnumSet.allOf(Scope.class),
                null);
    }

    UserView view() {
        return new UserView(
                username,
                displayName,
                roles.stream().sorted().toList(),
                groups.stream().sorted().toList(),
                enabled,
                createdAt);
    }
}
