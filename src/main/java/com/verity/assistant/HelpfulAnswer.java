package com.verity.assistant;

import java.time.Instant;
import java.util.List;

/**
 * An answer an agent rated helpful whose every claim the citation check found supported: what a
 * golden set can be built from.
 *
 * @param question the question as it stands alone (a follow-up's rewrite, else as asked)
 * @param answer the answer with its [n] markers
 * @param citedDocuments the file names of the documents it cites, each once
 * @param passages the passages the model was given, numbered from 1 in this order
 * @param promptVersion the prompt versions it was made with
 */
public record HelpfulAnswer(
        String question,
        String answer,
        List<String> citedDocuments,
        Instant ratedAt,
        List<com.verity.retrieval.RetrievedPassage> passages,
        String promptVersion,
        long turnId) {}
