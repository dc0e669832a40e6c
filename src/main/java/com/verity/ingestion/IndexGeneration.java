package com.verity.ingestion;

/** One way of turning documents into passages: the embedding model and chunking settings. */
public record IndexGeneration(
        int id, String embeddingModel, int dimension, String chunkingFingerprint) {}
