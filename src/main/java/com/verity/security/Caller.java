package com.verity.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as every module's access checks see it: the user with their roles and groups as
 * they are now, and the scopes of the call (all of them, except through an API key).
 *
 * @param userId the account's id
 * @param roles the roles the call may use: the user's, each with the ones it includes
 * @param groups the user's groups (document access groups and collection readers match them)
 * @param apiKeyId the API key the call came with, null otherwise
 */
public record Caller(
        long userId,
        String username,
        String displayName,
        Set<Role> roles,
        Set<String> groups,
        Set<Scope> scopes,
        UUID apiKeyId)
        implements java.io.Serializable {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        groups = Set.copyOf(groups);
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** The user's groups, as a SQL array parameter for {@code access_groups && :groups}. */
    public String[] groupArray() {
        return groups.toArray(String[]::new);
    }

    /**
     * What passages the caller may read are marked with: their groups and {@link
     * AccessSql#EVERY_READER}, as a SQL array for {@code passage.access_groups && :groups}.
     */
    public String[] passageGroupArray() {
        String[] marks = new String[groups.size() + 1];
        int i = 0;
        for (String group : groups) {
            marks[i++] = group;
        }
        marks[i] = AccessSql.EVERY_READER;
        return marks;
    }

    /**
     * How collection access lists name this caller: {@code user:<name>} and {@code group:<g>} for
     * each group, as a SQL array parameter.
     */
    public String[] principalArray() {
        List<String> principals = new ArrayList<>(groups.size() + 1);
        principals.add(AccessList.USER_PREFIX + username);
        groups.forEach(group -> principals.add(AccessList.GROUP_PREFIX + group));
        return principals.toArray(String[]::new);
    }
}
