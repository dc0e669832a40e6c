package com.verity.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One question of a golden set.
 *
 * @param expectedDocuments file names of the documents a right answer draws on (empty: not said)
 * @param expectedPassage text that answers the question, as it stands in a document (or null)
 * @param referenceAnswer an answer to compare a model's with (or null)
 * @param answerable false for a question the collection does not answer: the right reply declines
 */
public record GoldenItem(
        String question,
        List<String> expectedDocuments,
        @JsonInclude(JsonInclude.Include.NON_NULL) String expectedPassage,
        @JsonInclude(JsonInclude.Include.NON_NULL) String referenceAnswer,
        boolean answerable) {}
