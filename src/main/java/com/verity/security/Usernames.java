package com.verity.security;

import java.util.Locale;
import java.util.regex.Pattern;

/** Usernames as stored: lowercase, so {@code Alice} and {@code alice} are one account. */
final class Usernames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,99}");

    private Usernames() {}

    static String normalize(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw SecurityException.invalidUsername(username);
        }
        return name;
    }

    /** The name as typed at sign-in, lowercased; null when it cannot be a username at all. */
    static String lookupKey(String typed) {
        String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return NAME.matcher(name).matches() ? name : null;
    }
}
