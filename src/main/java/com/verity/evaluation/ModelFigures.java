package com.verity.evaluation;

import java.time.Instant;
import java.util.UUID;

/**
 * A model's figures from the latest finished evaluation it took part in, as the models page shows
 * them.
 *
 * @param citationValidity the share of its citations that point at a passage it was given
 * @param supportedSentences the share of its answers' sentences the check found supported
 */
public record ModelFigures(
        UUID evaluation,
        String collection,
        Instant finishedAt,
        Double citationValidity,
        Double supportedSentences) {}
