package com.verity.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Group names as Verity stores them: lowercase, without the leading slash some identity providers
 * put before group paths ({@code /hr} is {@code hr}), each one checked.
 */
public final class Groups {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._:/@-]{0,99}");

    private Groups() {}

    /** The groups normalised, sorted and without repeats; a name that cannot be one is refused. */
    public static List<String> normalize(Collection<String> groups) {
        if (groups == null) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        for (String group : groups) {
            names.add(normalize(group));
        }
        return List.copyOf(names);
    }

    /** One group name normalised, or a 400 problem that says what a group name looks like. */
    public static String normalize(String group) {
        String name = group == null ? "" : group.strip().toLowerCase(Locale.ROOT);
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (!NAME.matcher(name).matches()) {
            throw SecurityException.invalidGroup(group);
        }
        return name;
    }

    /** Whether the name can be a group, for names that come from outside (identity providers). */
    static boolean valid(String group) {
        try {
            normalize(group);
            return true;
        } catch (SecurityException e) {
            return false;
        }
    }
}
