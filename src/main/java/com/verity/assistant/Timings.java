package com.verity.assistant;

/**
 * Where the time of an answer went, in milliseconds.
 *
 * @param retrievalMs the follow-up rewrite (if any) and the search
 * @param firstTokenMs from the model call to its first token (null when no model was called)
 * @param generationMs the whole model call, once a generation slot was free (null when no model was
 *     called)
 * @param totalMs from the question to the checked answer
 */
public record Timings(long retrievalMs, Long firstTokenMs, Long generationMs, long totalMs) {}
