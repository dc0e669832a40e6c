package com.verity.evaluation;

import java.time.Instant;
import java.util.UUID;

/** A golden set as the REST API shows it; {@code items} is how many questions it holds. */
public record GoldenSetView(
        UUID id, String name, String collection, int items, Instant createdAt) {}
