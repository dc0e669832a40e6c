package com.verity.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptLibraryTest {

    private static final Set<String> ANSWER_VARIABLES = Set.of("passages", "question");

    @Test
    void theShippedTemplatesLoadWithTheirVersions() {
        PromptLibrary.Prompt answer =
                PromptLibrary.load(Path.of("prompts"), "answer", ANSWER_VARIABLES);
        assertThat(answer.version()).isEqualTo("answer-1");
        assertThat(
                        answer.render(
                                Map.of(
                                        "passages",
                                        "<passage n=\"1\">x</passage>",
                                        "question",
                                        "Why?")))
                .contains("<passage n=\"1\">x</passage>")
                .contains("Question: Why?")
                .doesNotContain("version:");
        assertThat(
                        PromptLibrary.load(
                                        Path.of("prompts"),
                                        "condense",
                                        Set.of("history", "question"))
                                .version())
                .isEqualTo("condense-1");
    }

    @Test
    void aTemplateWithoutFrontMatterIsRefusedWithTheFix() {
        assertThatThrownBy(
                        () ->
                                PromptLibrary.parse(
                                        "answer.md", "{{question}} {{passages}}", ANSWER_VARIABLES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answer.md")
                .hasMessageContaining("front matter");
    }

    @Test
    void aTemplateWithoutVersionIsRefused() {
        assertThatThrownBy(
                        () ->
                                PromptLibrary.parse(
                                        "answer.md",
                                        "---\ndescription: x\n---\n{{question}} {{passages}}",
                                        ANSWER_VARIABLES))
                .hasMessageContaining("version");
    }

    @Test
    void aMisspelledVariableIsNamedInTheError() {
        assertThatThrownBy(
                        () ->
                                PromptLibrary.parse(
                                        "answer.md",
                                        "---\nversion: 2\n---\n{{qestion}} {{passages}}",
                                        ANSWER_VARIABLES))
                .hasMessageContaining("unknown: [qestion]")
                .hasMessageContaining("missing: [question]");
    }

    @Test
    void anUnbalancedBraceIsRefused() {
        assertThatThrownBy(
                        () ->
                                PromptLibrary.parse(
                                        "answer.md",
                                        "---\nversion: 2\n---\n{{question} {{passages}}",
                                        ANSWER_VARIABLES))
                .hasMessageContaining("unbalanced");
    }
}
