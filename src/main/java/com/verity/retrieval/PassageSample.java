package com.verity.retrieval;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A reproducible random sample of a collection's passages among those a caller may read, with
 * enough text to ask a question about (for draft golden-set questions): ordered by a hash of the
 * seed and the passage, so the same seed picks the same passages.
 */
@Component
class PassageSample {

    /** Passages shorter than this are headings or fragments, nothing to ask about. */
    static final int MIN_CHARS = 80;

    private final JdbcClient jdbc;

    PassageSample(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RetrievedPassage> sample(
            long collectionId, int generationId, String[] groups, int count, long seed) {
        return jdbc.sql(
                        """
                        select p.id, p.document_id, d.filename, d.title, p.text, p.section,
                               p.start_offset, p.end_offset, p.ordinal
                        from passage p join document d on d.id = p.document_id
                        where p.collection_id = :collection and p.generation_id = :generation
                          and p.access_groups && cast(:groups as text[])
                          and length(p.text) >= :minChars
                        order by md5(:seed || ':' || p.id), p.id
                        limit :count
                        """)
                .param("collection", collectionId)
                .param("generation", generationId)
                .param("groups", groups)
                .param("minChars", MIN_CHARS)
                .param("seed", Long.toString(seed))
                .param("count", count)
                .query(
                        (rs, row) ->
                                new RetrievedPassage(
                                        rs.getObject("document_id", java.util.UUID.class),
                                        rs.getString("filename"),
                                        rs.getString("title"),
                                        rs.getLong("id"),
                                        rs.getString("text"),
                                        0,
                                        null,
                                        rs.getInt("start_offset"),
                                        rs.getInt("end_offset"),
                                        rs.getString("section"),
                                        rs.getInt("ordinal")))
                .list();
    }
}
