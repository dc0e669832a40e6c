package com.verity.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Who a collection's access list names: {@code group:<name>} for the members of a group, {@code
 * user:<username>} for one user.
 */
public final class AccessList {

    static final String USER_PREFIX = "user:";
    static final String GROUP_PREFIX = "group:";

    private AccessList() {}

    /** The entries normalised (names lowercase), sorted and without repeats; bad ones refused. */
    public static List<String> normalize(Collection<String> entries) {
        if (entries == null) {
            return List.of();
        }
        TreeSet<String> normalized = new TreeSet<>();
        for (String entry : entries) {
            normalized.add(normalize(entry));
        }
        return List.copyOf(normalized);
    }

    private static String normalize(String entry) {
        String text = entry == null ? "" : entry.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith(GROUP_PREFIX)) {
            return GROUP_PREFIX + Groups.normalize(text.substring(GROUP_PREFIX.length()));
        }
        if (lower.startsWith(USER_PREFIX)) {
            String username = Usernames.normalize(text.substring(USER_PREFIX.length()));
            return USER_PREFIX + username;
        }
        throw SecurityException.invalidPrincipal(entry);
    }
}
