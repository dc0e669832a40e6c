package com.verity.assistant;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How an answer cites its passages: {@code [2]}, {@code [1, 3]} or {@code [1; 3]}, numbered from 1
 * in the order the passages were given. Shared by the citation checks and by whatever renders an
 * answer, so both read the same markers.
 */
public final class CitationMarkers {

    /** A marker; group 1 holds its numbers, e.g. "1, 3". */
    public static final Pattern PATTERN =
            Pattern.compile("\\[(\\d{1,3}(?:\\s*[,;]\\s*\\d{1,3})*)]");

    private CitationMarkers() {}

    /** The passage numbers in one marker's group 1, e.g. "1, 3" -> [1, 3]. */
    public static List<Integer> numbers(String group) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : group.split("[,;]")) {
            numbers.add(Integer.parseInt(part.strip()));
        }
        return numbers;
    }
}
