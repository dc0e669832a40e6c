package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    /** One token per word: easy to reason about in tests. */
    private final Chunker chunker =
            new Chunker(text -> text.isBlank() ? 0 : text.split("\\s+").length);

    private static ChunkingProperties.Profile profile(int max, int overlap, int min) {
        return new ChunkingProperties.Profile(
                max, overlap, min, ChunkingProperties.Structure.HEADINGS);
    }

    private static String sentences(String word, int count, int wordsEach) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String capitalised = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            out.add(capitalised + (" " + word).repeat(wordsEach - 2) + " " + word + i + ".");
        }
        return String.join(" ", out);
    }

    @Test
    void everyPassageTextIsExactlyItsSliceOfTheExtractedText() {
        List<Block> blocks =
                List.of(
                        Block.heading("Leave", 1),
                        Block.of(Block.Kind.PARAGRAPH, sentences("alpha", 12, 9)),
                        Block.heading("Sick leave", 2),
                        Block.of(Block.Kind.PARAGRAPH, sentences("beta", 12, 9)));

        ChunkedDocument chunked = chunker.chunk("Handbook", blocks, profile(60, 12, 10));

        assertThat(chunked.chunks()).hasSizeGreaterThan(2);
        for (Chunk chunk : chunked.chunks()) {
            assertThat(chunked.text().substring(chunk.start(), chunk.end()))
                    .isEqualTo(chunk.text());
            assertThat(chunk.tokens()).isLessThanOrEqualTo(60);
        }
    }

    @Test
    void aHeadingStartsANewPassageAndNamesItsSectionPath() {
        List<Block> blocks =
                List.of(
                        Block.heading("Leave", 1),
                        Block.of(Block.Kind.PARAGRAPH, sentences("alpha", 3, 8)),
                        Block.heading("Sick leave", 2),
                        Block.of(Block.Kind.PARAGRAPH, sentences("beta", 3, 8)));

        List<Chunk> chunks = chunker.chunk("Handbook", blocks, profile(200, 20, 10)).chunks();

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).section()).isEqualTo("Leave");
        assertThat(chunks.get(0).text())
                .startsWith("Leave")
                .contains("alpha")
                .doesNotContain("beta");
        assertThat(chunks.get(1).section()).isEqualTo("Leave > Sick leave");
        assertThat(chunks.get(1).text()).startsWith("Sick leave").contains("beta");
        assertThat(chunks.get(1).searchText()).startsWith("Handbook\nLeave > Sick leave\n\n");
    }

    @Test
    void aShortSectionIsMergedWithTheNextInsteadOfStandingAlone() {
        List<Block> blocks =
                List.of(
                        Block.heading("Intro", 1),
                        Block.of(Block.Kind.PARAGRAPH, "Short intro."),
                        Block.heading("Details", 1),
                        Block.of(Block.Kind.PARAGRAPH, sentences("gamma", 3, 8)));

        List<Chunk> chunks = chunker.chunk("Doc", blocks, profile(200, 20, 30)).chunks();

        assertThat(chunks)
                .singleElement()
                .satisfies(c -> assertThat(c.text()).contains("Short intro.", "gamma"));
    }

    @Test
    void aLongSectionContinuesWithOverlappingWholeSentences() {
        List<Block> blocks = List.of(Block.of(Block.Kind.PARAGRAPH, sentences("delta", 20, 10)));

        List<Chunk> chunks = chunker.chunk("Doc", blocks, profile(60, 20, 10)).chunks();

        assertThat(chunks).hasSizeGreaterThan(3);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            Chunk next = chunks.get(i);
            assertThat(next.start())
                    .as("passage %d overlaps the one before", i)
                    .isLessThan(previous.end());
            assertThat(next.text()).startsWith("Delta");
            assertThat(previous.text()).endsWith(".");
        }
    }

    @Test
    void aTableThatFitsIsNotSplitAcrossPassages() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.of(Block.Kind.PARAGRAPH, sentences("intro", 4, 10)));
        for (int row = 0; row < 5; row++) {
            blocks.add(Block.of(Block.Kind.TABLE_ROW, "Plan " + row + " | 10 days | yes"));
        }

        List<Chunk> chunks = chunker.chunk("Doc", blocks, profile(60, 0, 10)).chunks();

        assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains("Plan 0", "Plan 4"));
        assertThat(chunks)
                .noneSatisfy(c -> assertThat(c.text()).contains("Plan 2").doesNotContain("Plan 0"));
    }

    @Test
    void aSentenceLongerThanAPassageIsCutAtWords() {
        String endless = "word ".repeat(500).strip();
        List<Chunk> chunks =
                chunker.chunk(
                                "Doc",
                                List.of(Block.of(Block.Kind.PARAGRAPH, endless)),
                                profile(100, 0, 10))
                        .chunks();

        assertThat(chunks).hasSizeGreaterThanOrEqualTo(5);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(100));
    }

    @Test
    void sectionBreaksOfSlidesSeparatePassages() {
        List<Block> blocks =
                List.of(
                        Block.of(Block.Kind.SECTION_BREAK, ""),
                        Block.of(Block.Kind.PARAGRAPH, sentences("slideone", 3, 6)),
                        Block.of(Block.Kind.SECTION_BREAK, ""),
                        Block.of(Block.Kind.PARAGRAPH, sentences("slidetwo", 3, 6)));

        List<Chunk> chunks = chunker.chunk("Deck", blocks, profile(200, 0, 5)).chunks();

        assertThat(chunks)
                .extracting(Chunk::text)
                .hasSize(2)
                .allSatisfy(t -> assertThat(t).doesNotContain("slideone0. slidetwo"));
    }
}
