package com.verity.retrieval;

import java.util.List;

/** The passages found, best first. */
public record SearchResponse(List<RetrievedPassage> results) {}
