package com.verity.retrieval;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How passages are found.
 *
 * @param defaultTopK passages returned when the request names no topK
 * @param maxTopK largest topK a request may ask for
 * @param candidates passages each retriever (vector, full-text) contributes before fusion
 * @param rrfK the k of reciprocal rank fusion: larger flattens the weight of top ranks
 * @param vectorWeight weight of the vector ranking in the fusion
 * @param keywordWeight weight of the full-text ranking in the fusion
 * @param uncoveredLanguageVectorWeight weight of the vector ranking for a question in a language
 *     the embedding model was not trained for (the bundled models: English only), where the
 *     per-language full-text ranking is the better guide
 * @param headingWeight weight of a word in a passage's heading (title, section path) relative to a
 *     word of its text in the full-text ranking, 0..1
 * @param keywordMatchBudget passages the full-text side expects to score per query: it matches on
 *     the rarest query terms and adds commoner ones while their expected matches stay within this
 *     budget (collections smaller than it match every term)
 * @param keywordMatchLimit passages the full-text side scores at most, when the terms it matches on
 *     may be in more: those holding the most terms of the question first, then the most recently
 *     indexed
 * @param maxPassagesPerDocument at most this many passages of one document in a result
 * @param hnswEfSearch candidate list size of the HNSW index scan (recall vs. speed)
 * @param windowChars a found passage is widened with its neighbours in the same section up to this
 *     many characters (0: passages are returned as indexed)
 * @param parallelSearches searches whose full-text arm may run on its own thread beside the
 *     question's embedding at once; beyond them it runs on the caller's thread, one after the other
 * @param exactScanMaxPassages a caller who may read only part of a collection, and at most this
 *     many of its passages, gets them ranked by an exact scan instead of the HNSW index (whose
 *     filtered scan misses some nearest passages when few are readable; the exact scan reads every
 *     readable passage, about 55 ms for 10,000 of them on 2 cores); 0: always the index
 */
@Validated
@ConfigurationProperties("verity.retrieval")
public record RetrievalProperties(
        @DefaultValue("10") @Min(1) int defaultTopK,
        @DefaultValue("50") @Min(1) @Max(200) int maxTopK,
        @DefaultValue("60") @Min(1) int candidates,
        @DefaultValue("60") @Min(1) int rrfK,
        @DefaultValue("1.0") double vectorWeight,
        @DefaultValue("0.6") double keywordWeight,
        @DefaultValue("0.1") @DecimalMin("0") double uncoveredLanguageVectorWeight,
        @DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double headingWeight,
        @DefaultValue("500") @Min(100) int keywordMatchBudget,
        @DefaultValue("500") @Min(100) int keywordMatchLimit,
        @DefaultValue("10") @Min(1) int maxPassagesPerDocument,
        @DefaultValue("100") @Min(10) int hnswEfSearch,
        @DefaultValue("1800") @Min(0) @Max(4000) int windowChars,
        @DefaultValue("8") @Min(1) int parallelSearches,
        @DefaultValue("2000") @Min(0) int exactScanMaxPassages) {}
