package com.verity.assistant;

import java.util.List;

/** A sentence of an answer that cites nothing, or cites passages that do not say what it says. */
public record UnsupportedSentence(String sentence, List<Integer> citations, String reason) {}
