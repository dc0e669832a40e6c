package com.verity.assistant;

import java.util.Set;

/**
 * The prompts under {@code prompts/} with which a judge model grades an answer, each with the
 * variables it fills in (docs/evaluation.md describes what the judge is asked and how its reply is
 * read).
 */
public enum JudgePrompt {
    /**
     * Which of the answer's claims the passages state: {@code question}, {@code passages}, {@code
     * answer}.
     */
    FAITHFULNESS("judge-faithfulness", Set.of("question", "passages", "answer")),
    /** How well the answer addresses the question, 1 to 5: {@code question}, {@code answer}. */
    RELEVANCE("judge-relevance", Set.of("question", "answer"));

    private final String file;
    private final Set<String> variables;

    JudgePrompt(String file, Set<String> variables) {
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
