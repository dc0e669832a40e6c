package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerTextTest {

    @Test
    void sentencesKeepTheirMarkersEvenWhenTheModelPutsThemAfterTheFullStop() {
        List<AnswerText.Sentence> sentences =
                AnswerText.sentences(
                        "Refunds are paid within 14 days [2]. Damaged items are replaced. [1, 3]"
                                + " Call us.");
        assertThat(sentences)
                .extracting(AnswerText.Sentence::cited)
                .containsExactly(List.of(2), List.of(1, 3), List.of());
    }

    @Test
    void spansCarryExactOffsetsIntoThePassage() {
        String text = "First rule. Second rule applies to refunds.  Third.";
        for (AnswerText.Span span : AnswerText.spans(text)) {
            assertThat(text.substring(span.start(), span.end())).isEqualTo(span.text());
        }
        assertThat(AnswerText.spans(text))
                .extracting(AnswerText.Span::text)
                .containsExactly("First rule.", "Second rule applies to refunds.", "Third.");
    }

    @Test
    void contentWordsIgnoreStopwordsMarkersAndEndings() {
        assertThat(AnswerText.contentWords("The refunds are paid within 14 days [2]"))
                .containsExactly("refund", "paid", "within", "days");
    }
}
