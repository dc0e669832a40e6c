package com.verity.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTextStructureTest {

    @Test
    void shortLinesWithoutEndPunctuationThatOpenAParagraphAreHeadings() {
        String text =
                """
                Protect Your Business

                What to do if a complaint is filed
                The DMV contacts you first. You can respond in writing.

                - keep copies of work orders
                - answer within ten days
                """;

        List<Block> blocks =
                PlainTextStructure.refine(List.of(Block.of(Block.Kind.PARAGRAPH, text)));

        assertThat(blocks)
                .extracting(Block::kind, Block::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Block.Kind.HEADING, "Protect Your Business"),
                        org.assertj.core.groups.Tuple.tuple(
                                Block.Kind.HEADING, "What to do if a complaint is filed"),
                        org.assertj.core.groups.Tuple.tuple(
                                Block.Kind.PARAGRAPH,
                                "The DMV contacts you first. You can respond in writing."),
                        org.assertj.core.groups.Tuple.tuple(
                                Block.Kind.LIST_ITEM, "- keep copies of work orders"),
                        org.assertj.core.groups.Tuple.tuple(
                                Block.Kind.LIST_ITEM, "- answer within ten days"));
    }

    @Test
    void sentencesAndLowercaseLinesAreNotHeadings() {
        assertThat(PlainTextStructure.isHeading("You must register with DMV.")).isFalse();
        assertThat(PlainTextStructure.isHeading("continued from the previous page")).isFalse();
        assertThat(PlainTextStructure.isHeading("Eligibility Requirements")).isTrue();
        assertThat(PlainTextStructure.isHeading("2023 Filing Deadlines")).isTrue();
        assertThat(PlainTextStructure.isHeading("2. Filing a claim"))
                .as("a numbered item")
                .isFalse();
    }

    @Test
    void shortLineAloneInItsParagraphBeforeProseIsAHeading() {
        List<Block> blocks =
                PlainTextStructure.refine(
                        List.of(
                                Block.of(Block.Kind.PARAGRAPH, "Onboarding Handbook"),
                                Block.of(Block.Kind.PARAGRAPH, "Read this page before day one.")));

        assertThat(blocks)
                .extracting(Block::kind, Block::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Block.Kind.HEADING, "Onboarding Handbook"),
                        org.assertj.core.groups.Tuple.tuple(
                                Block.Kind.PARAGRAPH, "Read this page before day one."));
    }

    @Test
    void shortLineBeforeAPageBreakStaysText() {
        List<Block> blocks =
                PlainTextStructure.refine(
                        List.of(
                                Block.of(Block.Kind.PARAGRAPH, "Page 3"),
                                Block.of(Block.Kind.SECTION_BREAK, ""),
                                Block.of(Block.Kind.PARAGRAPH, "Next page text.")));

        assertThat(blocks).first().extracting(Block::kind).isEqualTo(Block.Kind.PARAGRAPH);
    }
}
