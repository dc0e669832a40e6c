package com.verity.sync;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * A source's include and exclude globs ({@link FileSystem#getPathMatcher} syntax), matched against
 * a file's path relative to the folder. A pattern that starts with {@code **}{@code /} also matches
 * at the top of the folder, so {@code **}{@code /*.pdf} takes {@code a.pdf} as well as {@code
 * x/a.pdf}.
 */
final class PathPatterns {

    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;

    private PathPatterns(List<PathMatcher> include, List<PathMatcher> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * @throws IllegalArgumentException naming the pattern when one is not a valid glob
     */
    static PathPatterns of(List<String> include, List<String> exclude) {
        return new PathPatterns(compile("include", include), compile("exclude", exclude));
    }

    /** A file the source takes: included by a pattern and excluded by none. */
    boolean takes(Path relative) {
        return matches(include, relative) && !excludes(relative);
    }

    /** A file or directory that an exclude pattern leaves out (a directory with all it holds). */
    boolean excludes(Path relative) {
        return matches(exclude, relative);
    }

    private static boolean matches(List<PathMatcher> matchers, Path relative) {
        return matchers.stream().anyMatch(m -> m.matches(relative));
    }

    private static List<PathMatcher> compile(String kind, List<String> patterns) {
        FileSystem fs = FileSystems.getDefault();
        List<PathMatcher> matchers = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException(
                        "an %s pattern is blank: remove it or write a glob such as **/*.pdf"
                                .formatted(kind));
            }
            if (pattern.startsWith("/")) {
                throw new IllegalArgumentException(
                        ("%s pattern '%s' starts with '/', but patterns match paths relative to the"
                                        + " folder: write it without the leading '/'")
                                .formatted(kind, pattern));
            }
            try {
                matchers.add(fs.getPathMatcher("glob:" + pattern));
                if (pattern.startsWith("**/")) {
                    matchers.add(fs.getPathMatcher("glob:" + pattern.substring(3)));
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "%s pattern '%s' is not a valid glob (%s); see java.nio.file.FileSystem#getPathMatcher"
                                .formatted(kind, pattern, e.getDescription()));
            }
        }
        return matchers;
    }
}
