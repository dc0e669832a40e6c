package com.verity.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceExcerptTest {

    @Test
    void theCitedSpanIsExactlyTheDocumentTextBetweenItsOffsets() {
        String text = "Intro. Refunds are paid within 14 days. Outro.";
        int start = text.indexOf("Refunds");
        int end = text.indexOf(" Outro");

        SourceExcerpt excerpt = SourceExcerpt.of(text, start, end);

        assertThat(excerpt.cited()).isEqualTo("Refunds are paid within 14 days.");
        assertThat(excerpt.before() + excerpt.cited() + excerpt.after()).isEqualTo(text);
        assertThat(excerpt.startsMidway()).isFalse();
        assertThat(excerpt.endsMidway()).isFalse();
    }

    @Test
    void aLongDocumentIsShownAroundTheSpanCutAtWhitespace() {
        String text = "word ".repeat(2000) + "CITED SPAN" + " word".repeat(2000);
        int start = text.indexOf("CITED");

        SourceExcerpt excerpt = SourceExcerpt.of(text, start, start + "CITED SPAN".length());

        assertThat(excerpt.cited()).isEqualTo("CITED SPAN");
        assertThat(excerpt.startsMidway()).isTrue();
        assertThat(excerpt.endsMidway()).isTrue();
        assertThat(excerpt.before()).startsWith("word").hasSizeLessThanOrEqualTo(1500);
        assertThat(excerpt.after()).endsWith("word").hasSizeLessThanOrEqualTo(1500);
    }

    @Test
    void offsetsBeyondTheTextAreClampedNotAnError() {
        SourceExcerpt excerpt = SourceExcerpt.of("short", 3, 99);

        assertThat(excerpt.cited()).isEqualTo("rt");
        assertThat(SourceExcerpt.of("short", 50, 60).cited()).isEmpty();
    }
}
