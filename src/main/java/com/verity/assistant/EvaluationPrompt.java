package com.verity.assistant;

import java.util.Set;

/**
 * The prompts under {@code prompts/} of evaluation's model calls, each with the variables it fills
 * in: a judge grading an answer, and a model drafting a golden-set question from a passage
 * (docs/evaluation.md describes what each asks and how the reply is read).
 */
public enum EvaluationPrompt {
    /**
     * Which of the answer's claims the passages state: {@code question}, {@code passages}, {@code
     * answer}.
     */
    FAITHFULNESS("judge-faithfulness", Set.of("question", "passages", "answer")),
    /** How well the answer addresses the question, 1 to 5: {@code question}, {@code answer}. */
    RELEVANCE("judge-relevance", Set.of("question", "answer")),
    /** A question the passage answers, its answer and the sentence it rests on: {@code passage}. */
    DRAFT_QUESTION("draft-question", Set.of("passage"));

    private final String file;
    private final Set<String> variables;

    EvaluationPrompt(String file, Set<String> variables) {
        this.file = file;
        this.variables = variables;
    }

    String file() {
        return file;
    }

    Set<String> variables() {
        return variables;
    }
}
