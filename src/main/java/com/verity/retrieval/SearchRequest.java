package com.verity.retrieval;

/** {@code POST /api/search}: a question, the collection to search and how many passages. */
public record SearchRequest(String query, String collection, Integer topK) {}
