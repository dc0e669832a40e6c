package com.verity.support;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a fixture file says: a title, sections of paragraphs under headings, a bulleted list and a
 * table. Each fixture builder renders it in its own format, as much of it as the format has.
 */
public record FixtureText(
        String title, List<Section> sections, List<String> items, List<List<String>> rows) {

    /** A heading and the paragraphs under it. */
    public record Section(String heading, List<String> paragraphs) {}

    public static FixtureText titled(String title) {
        return new FixtureText(title, List.of(), List.of(), List.of());
    }

    public FixtureText section(String heading, String... paragraphs) {
        return new FixtureText(
                title, plus(sections, new Section(heading, List.of(paragraphs))), items, rows);
    }

    public FixtureText items(String... more) {
        return new FixtureText(
                title, sections, Stream.concat(items.stream(), Stream.of(more)).toList(), rows);
    }

    /** A table row; the first row is the header. */
    public FixtureText row(String... cells) {
        return new FixtureText(title, sections, items, plus(rows, List.of(cells)));
    }

    /** Every paragraph, in order: the body of formats without headings, such as e-mail. */
    public List<String> paragraphs() {
        return sections.stream().flatMap(s -> s.paragraphs().stream()).toList();
    }

    private static <T> List<T> plus(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return List.copyOf(copy);
    }
}
