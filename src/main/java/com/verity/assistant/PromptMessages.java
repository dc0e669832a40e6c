package com.verity.assistant;

/**
 * The messages a model is given for one question: the system rules, and the user message with the
 * passages as numbered, delimited data and the question.
 *
 * @param promptVersion the prompt versions they were made with
 */
public record PromptMessages(String system, String user, String promptVersion) {}
