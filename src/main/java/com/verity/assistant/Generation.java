package com.verity.assistant;

/**
 * What a model produced, with the server's own count of the prompt's and the answer's tokens.
 *
 * @param firstTokenMillis from the request to its first token
 */
record Generation(String text, Integer promptTokens, Integer answerTokens, long firstTokenMillis) {}
