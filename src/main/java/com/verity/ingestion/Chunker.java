package com.verity.ingestion;

import com.verity.embedding.Embedder;
import com.verity.ingestion.TextLayout.Unit;
import com.verity.ingestion.TextLayout.UnitKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Cuts a document into passages of at most {@code max-tokens}, structure first: a heading starts a
 * new passage (unless the one before is shorter than {@code min-tokens}), paragraphs, lists and
 * tables that fit in a passage are not split across two, and a section longer than one passage
 * continues in the next with {@code overlap-tokens} of whole sentences repeated. Each passage is
 * indexed under its context (document title, heading path) so it can be found on its own.
 */
@Component
class Chunker {

    private final ToIntFunction<String> tokens;

    @Autowired
    Chunker(Embedder embedder) {
        this(embedder::countTokens);
    }

    Chunker(ToIntFunction<String> tokens) {
        this.tokens = tokens;
    }

    ChunkedDocument chunk(String title, List<Block> blocks, ChunkingProperties.Profile profile) {
        int maxHeader = profile.maxTokens() / 4;
        TextLayout layout = TextLayout.of(blocks, tokens, profile.maxTokens() - maxHeader);
        return new Packing(title, layout, profile, maxHeader).run();
    }

    /** One pass over the units of one document. */
    private final class Packing {
        private final String title;
        private final String text;
        private final List<Unit> units;
        private final ChunkingProperties.Profile profile;
        private final int maxHeader;
        private final String[] headings = new String[8];
        private final List<Chunk> chunks = new ArrayList<>();
        private final List<Unit> current = new ArrayList<>();
        private int currentTokens;
        private String section;
        private int budget;
        private int headerTokens;

        Packing(
                String title,
                TextLayout layout,
                ChunkingProperties.Profile profile,
                int maxHeader) {
            this.title = title;
            this.text = layout.text();
            this.units = layout.units();
            this.profile = profile;
            this.maxHeader = maxHeader;
        }

        ChunkedDocument run() {
            for (int i = 0; i < units.size(); i++) {
                Unit unit = units.get(i);
                switch (unit.kind()) {
                    case BREAK -> {
                        if (currentTokens >= profile.minTokens()) {
                            close(false);
                        }
                    }
                    case HEADING -> {
                        if (currentTokens >= profile.minTokens()) {
                            close(false);
                        }
                        enterSection(unit);
                        add(unit);
                    }
                    case TEXT -> addText(i, unit);
                }
            }
            close(false);
            if (!current.isEmpty()) {
                emit(); // a document of headings only
            }
            return new ChunkedDocument(title, text, chunks);
        }

        private void addText(int index, Unit unit) {
            if (!current.isEmpty()) {
                boolean groupStart = index == 0 || units.get(index - 1).group() != unit.group();
                int groupTokens = groupStart ? groupTokens(index) : unit.tokens();
                if (currentTokens + unit.tokens() > budget) {
                    close(true);
                } else if (groupStart
                        && currentTokens + groupTokens > budget
                        && groupTokens <= budget
                        && currentTokens >= profile.minTokens()) {
                    close(true);
                    if (currentTokens + groupTokens > budget) {
                        dropOverlap();
                    }
                }
            }
            add(unit);
        }

        private int groupTokens(int from) {
            int group = units.get(from).group();
            int sum = 0;
            for (int i = from; i < units.size() && units.get(i).group() == group; i++) {
                sum += units.get(i).tokens();
            }
            return sum;
        }

        private void enterSection(Unit heading) {
            int level = Math.max(1, Math.min(6, heading.level()));
            headings[level] = text.substring(heading.start(), heading.end());
            for (int deeper = level + 1; deeper < headings.length; deeper++) {
                headings[deeper] = null;
            }
        }

        private String sectionPath() {
            List<String> path = new ArrayList<>();
            for (String heading : headings) {
                if (heading != null && !heading.equals(title)) {
                    path.add(heading);
                }
            }
            return path.isEmpty() ? null : String.join(" > ", path);
        }

        private void add(Unit unit) {
            if (current.isEmpty()) {
                section = sectionPath();
                headerTokens = tokens.applyAsInt(header());
                budget = profile.maxTokens() - Math.min(maxHeader, headerTokens);
            }
            current.add(unit);
            currentTokens += unit.tokens();
        }

        /**
         * Emits the current passage; with overlap, its last sentences open the next one. Headings
         * alone are never a passage: they stay with the text that follows them.
         */
        private void close(boolean overlap) {
            if (current.stream().noneMatch(u -> u.kind() == UnitKind.TEXT)) {
                return;
            }
            emit();
            List<Unit> carried = overlap ? overlapUnits() : List.of();
            current.clear();
            currentTokens = 0;
            carried.forEach(this::add);
        }

        private List<Unit> overlapUnits() {
            List<Unit> carried = new ArrayList<>();
            int sum = 0;
            for (int i = current.size() - 1; i > 0; i--) {
                Unit unit = current.get(i);
                if (unit.kind() != UnitKind.TEXT || sum + unit.tokens() > profile.overlapTokens()) {
                    break;
                }
                carried.add(0, unit);
                sum += unit.tokens();
            }
            return carried;
        }

        private void dropOverlap() {
            current.clear();
            currentTokens = 0;
        }

        private void emit() {
            int start = current.get(0).start();
            int end = current.get(current.size() - 1).end();
            String passage = text.substring(start, end);
            String heading = header();
            String searchText = heading + "\n\n" + passage;
            chunks.add(
                    new Chunk(
                            chunks.size(),
                            start,
                            end,
                            section,
                            passage,
                            heading,
                            searchText,
                            // units were counted one by one; the sum saves tokenizing it all again
                            headerTokens + current.stream().mapToInt(Unit::tokens).sum()));
        }

        private String header() {
            String heading = Objects.requireNonNullElse(title, "");
            return section == null ? heading : heading + "\n" + section;
        }
    }
}
