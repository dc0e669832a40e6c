package com.verity.ingestion;

/** How documents become passages: the embedding model (and its width) and the chunking settings. */
public record IndexRecipe(String embeddingModel, int dimension, String chunkingFingerprint) {}
