package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.verity.retrieval.RetrievedPassage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CitationCheckerTest {

    private static final String REFUNDS =
            "Orders can be returned within 30 days. Refunds are paid to the original card within"
                    + " 14 days of receiving the item.";
    private static final String SHIPPING =
            "Standard shipping takes 3 to 5 working days. Express shipping arrives the next day.";

    private final CitationChecker checker =
            new CitationChecker(new HashingEmbedder(), properties());

    private final List<RetrievedPassage> given =
            List.of(passage("refunds.md", 100, REFUNDS), passage("shipping.md", 0, SHIPPING));

    @Test
    void aSupportedCitationCarriesTheSupportingSentenceAndItsDocumentOffsets() {
        CitationChecker.Checked checked =
                checker.check(
                        "Refunds are paid to the original card within 14 days [1].", given, "m");

        assertThat(checked.unsupported()).isEmpty();
        assertThat(checked.citations())
                .singleElement()
                .satisfies(
                        citation -> {
                            assertThat(citation.n()).isEqualTo(1);
                            assertThat(citation.filename()).isEqualTo("refunds.md");
                            assertThat(citation.quote())
                                    .startsWith("Refunds are paid to the original card");
                            int inPassage = REFUNDS.indexOf(citation.quote());
                            assertThat(citation.start()).isEqualTo(100 + inPassage);
                            assertThat(citation.end())
                                    .isEqualTo(100 + inPassage + citation.quote().length());
                        });
    }

    @Test
    void citationsOfPassagesTheModelWasNotGivenAreRemoved() {
        CitationChecker.Checked checked =
                checker.check(
                        "Express shipping arrives the next day [2][7]. Returns take 30 days [9].",
                        given,
                        "m");

        assertThat(checked.answer()).doesNotContain("[7]").doesNotContain("[9]").contains("[2]");
        assertThat(checked.citations()).extracting(Citation::n).containsExactly(2);
    }

    @Test
    void sentencesCitingNothingOrTheWrongPassageAreReported() {
        CitationChecker.Checked checked =
                checker.check(
                        "Express shipping arrives the next day [1]. Gift cards never expire in any"
                                + " country. Orders can be returned within 30 days [1].",
                        given,
                        "m");

        assertThat(checked.unsupported())
                .extracting(UnsupportedSentence::reason)
                .containsExactly("the cited passages do not say this", "cites no passage");
        assertThat(checked.unsupported().get(0).citations()).containsExactly(1);
    }

    @Test
    void citationsWrittenAsPassageOrSourceNumbersCountAsMarkers() {
        CitationChecker.Checked checked =
                checker.check(
                        "Refunds are paid to the original card within 14 days [Passage 1]. Express"
                                + " shipping arrives the next day [source 2].",
                        given,
                        "m");

        assertThat(checked.answer()).contains("[1]").contains("[2]").doesNotContain("Passage");
        assertThat(checked.citations()).extracting(Citation::n).containsExactly(1, 2);
        assertThat(checked.unsupported()).isEmpty();
    }

    @Test
    void shortSentencesWithoutClaimsAreNotFlagged() {
        assertThat(
                        checker.check("Yes. Refunds are paid within 14 days [1].", given, "m")
                                .unsupported())
                .isEmpty();
    }

    private static RetrievedPassage passage(String filename, int start, String text) {
        return new RetrievedPassage(
                UUID.randomUUID(),
                filename,
                filename,
                start + 1L,
                text,
                0.5,
                0.8,
                start,
                start + text.length(),
                null,
                0);
    }

    /** The test properties with the window, the generation slots and the prompts folder changed. */
    static AssistantProperties properties(
            int contextTokens,
            int answerTokens,
            int slots,
            int waiting,
            Duration maxWait,
            String promptsDir) {
        AssistantProperties p = properties();
        return new AssistantProperties(
                p.ollama(),
                p.allowedModels(),
                p.defaultModel(),
                p.temperature(),
                contextTokens,
                answerTokens,
                p.tokenEstimateFactor(),
                p.passages(),
                p.relevanceThreshold(),
                p.historyTurns(),
                slots,
                waiting,
                maxWait,
                promptsDir,
                p.support(),
                p.profiles(),
                p.backends(),
                p.modelInfoTtl(),
                p.confidentSimilarity(),
                p.unsupportedThreshold(),
                p.verifiedAnswerThreshold(),
                p.streamHeartbeat());
    }

    static AssistantProperties properties() {
        return new AssistantProperties(
                new AssistantProperties.Ollama(
                        "http://localhost:11434",
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(180),
                        Duration.ofMinutes(5)),
                List.of("mistral"),
                "mistral",
                0.1,
                8192,
                512,
                1.3,
                6,
                0.55,
                4,
                2,
                48,
                Duration.ofSeconds(60),
                "prompts",
                new AssistantProperties.Support(0.5, 0.8),
                Map.of(),
                Map.of(),
                Duration.ZERO,
                0.7,
                0,
                0.92,
                Duration.ofSeconds(15));
    }
}
