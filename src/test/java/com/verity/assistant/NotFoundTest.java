package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NOT_FOUND is decided in one place, with the decline sentence the system prompt itself names: a
 * team that rewords it (or writes it in another language) changes both what the model is told and
 * what counts as a decline.
 */
class NotFoundTest {

    @TempDir Path prompts;

    @Test
    void theShippedPromptTellsTheModelTheSentenceThatCountsAsADecline() {
        PromptLibrary library = new PromptLibrary(CitationCheckerTest.properties());
        NotFound notFound = new NotFound(library, null, CitationCheckerTest.properties());

        assertThat(notFound.sentence()).isEqualTo("The knowledge base does not say.");
        assertThat(library.current().system().text())
                .contains("reply exactly: \"The knowledge base does not say.\"")
                .doesNotContain("{{decline}}");
        assertThat(notFound.modeOf(checked("The knowledge base does not say.", 0)))
                .isEqualTo(AnswerMode.NOT_FOUND);
        assertThat(notFound.modeOf(checked("Refunds take 14 days [1].", 1)))
                .isEqualTo(AnswerMode.ANSWERED);
        assertThat(notFound.modeOf(checked("The knowledge base does not say much, but [1].", 1)))
                .as("a decline that cites a passage is an answer")
                .isEqualTo(AnswerMode.ANSWERED);
    }

    @Test
    void aRewordedDeclineSentenceIsBothThePromptsAndTheRule() throws IOException {
        write(
                """
                ---
                version: system-de
                decline: Dazu steht nichts in der Wissensdatenbank.
                ---
                Antworte nur aus den Passagen. Sonst antworte genau: "{{decline}}"
                """);
        PromptLibrary library = new PromptLibrary(inFolder(prompts));
        NotFound notFound = new NotFound(library, null, CitationCheckerTest.properties());

        assertThat(library.current().system().text())
                .contains("antworte genau: \"Dazu steht nichts in der Wissensdatenbank.\"");
        assertThat(notFound.modeOf(checked("Dazu steht nichts in der Wissensdatenbank.", 0)))
                .isEqualTo(AnswerMode.NOT_FOUND);
        assertThat(notFound.modeOf(checked("The knowledge base does not say.", 0)))
                .isEqualTo(AnswerMode.ANSWERED);
    }

    @Test
    void aSystemPromptWithoutItsDeclineSentenceStopsTheServiceWithTheFix() throws IOException {
        write(
                """
                ---
                version: system-x
                ---
                Answer from the passages only.
                """);

        assertThatThrownBy(() -> new PromptLibrary(inFolder(prompts)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("system.md")
                .hasMessageContaining("decline");
    }

    private void write(String system) throws IOException {
        Files.writeString(prompts.resolve("system.md"), system, StandardCharsets.UTF_8);
    }

    private static CitationChecker.Checked checked(String answer, int citations) {
        List<Citation> cited =
                java.util.stream.IntStream.rangeClosed(1, citations)
                        .mapToObj(
                                n ->
                                        new Citation(
                                                n,
                                                java.util.UUID.randomUUID(),
                                                "refunds.txt",
                                                "Refunds",
                                                n,
                                                "Refunds take 14 days.",
                                                0,
                                                21))
                        .toList();
        return new CitationChecker.Checked(answer, cited, List.of(), 1);
    }

    /** The default properties, reading prompts from the folder (the rest from the jar). */
    private static AssistantProperties inFolder(Path folder) {
        AssistantProperties p = CitationCheckerTest.properties();
        return CitationCheckerTest.properties(
                p.contextTokens(),
                p.answerTokens(),
                p.maxConcurrentGenerations(),
                p.maxWaiting(),
                p.maxWait(),
                folder.toString());
    }
}
