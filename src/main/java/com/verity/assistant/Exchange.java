package com.verity.assistant;

/**
 * An earlier question and its answer, as the follow-up rewrite sees them: read from the
 * conversation, or given with the question (an OpenAI client's {@code messages}).
 */
public record Exchange(String question, String answer) {}
