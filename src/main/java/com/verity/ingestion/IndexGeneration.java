package com.verity.ingestion;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One way of turning documents into passages: the embedding model and chunking settings. */
public record IndexGeneration(
        int id, String embeddingModel, int dimension, String chunkingFingerprint) {

    /**
     * The generation in the current row (columns {@code embedding_model}, {@code dimension}, {@code
     * chunking_fingerprint} and its id in {@code idColumn}), mapped by hand: the reflective mapper
     * of {@code JdbcClient.query(Class)} resolves the record's constructor types on every row, on
     * the path of every search and every indexed document.
     */
    public static IndexGeneration read(ResultSet rs, String idColumn) throws SQLException {
        return new IndexGeneration(
                rs.getInt(idColumn),
                rs.getString("embedding_model"),
                rs.getInt("dimension"),
                rs.getString("chunking_fingerprint"));
    }
}
