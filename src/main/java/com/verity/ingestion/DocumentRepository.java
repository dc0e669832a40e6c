package com.verity.ingestion;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Documents and their original bytes. */
@Repository
class DocumentRepository {

    private static final String VIEW_SELECT =
            """
            select d.id, c.name as collection, d.filename, d.title, d.content_type, d.size_bytes,
                   d.sha256, d.version, d.status, d.error, d.chunk_count, d.truncated,
                   d.created_at, d.indexed_at, d.source
            from document d join collection c on c.id = d.collection_id
            """;

    /** A document to store; {@code source} names its folder source, null for an upload. */
    record NewDocument(
            UUID id,
            long collectionId,
            String filename,
            String contentType,
            byte[] bytes,
            String sha256,
            int version,
            String source) {}

    record StoredContent(String filename, String contentType, byte[] bytes) {}

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(NewDocument document) {
        jdbc.sql(
                        """
                        insert into document (id, collection_id, filename, content_type, size_bytes,
                                              sha256, version, status, source)
                        values (:id, :collection, :filename, :type, :size, :sha, :version, 'QUEUED',
                                :source)
                        """)
                .param("id", document.id())
                .param("collection", document.collectionId())
                .param("filename", document.filename())
                .param("type", document.contentType())
                .param("size", document.bytes().length)
                .param("sha", document.sha256())
                .param("version", document.version())
                .param("source", document.source())
                .update();
        jdbc.sql("insert into document_content (document_id, bytes) values (:id, :bytes)")
                .param("id", document.id())
                .param("bytes", document.bytes())
                .update();
    }

    /**
     * An uploaded document of the collection holding exactly these bytes, unless it failed. Synced
     * documents do not count: they leave when their file leaves its folder.
     */
    Optional<DocumentView> findSameContent(long collectionId, String sha256) {
        return jdbc.sql(
                        VIEW_SELECT
                                + """
                                where d.collection_id = :collection and d.sha256 = :sha
                                  and d.status <> 'FAILED' and d.source is null
                                order by d.created_at limit 1
                                """)
                .param("collection", collectionId)
                .param("sha", sha256)
                .query(DocumentRepository::view)
                .optional();
    }

    /**
     * The highest version number used for a file name in the collection (0 if none), among uploads
     * (source null) or the documents of one folder source.
     */
    int latestVersion(long collectionId, String filename, String source) {
        return jdbc.sql(
                        """
                        select coalesce(max(version), 0) from document
                        where collection_id = :collection and filename = :filename
                          and source is not distinct from cast(:source as text)
                        """)
                .param("collection", collectionId)
                .param("filename", filename)
                .param("source", source)
                .query(Integer.class)
                .single();
    }

    Optional<DocumentView> find(UUID id) {
        return jdbc.sql(VIEW_SELECT + " where d.id = :id")
                .param("id", id)
                .query(DocumentRepository::view)
                .optional();
    }

    List<DocumentView> page(long collectionId, DocumentStatus status, int page, int size) {
        return jdbc.sql(
                        VIEW_SELECT
                                + """
                                where d.collection_id = :collection
                                  and (cast(:status as text) is null or d.status = :status)
                                order by d.created_at desc, d.filename
                                limit :limit offset :offset
                                """)
                .param("collection", collectionId)
                .param("status", status == null ? null : status.name())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(DocumentRepository::view)
                .list();
    }

    long count(long collectionId, DocumentStatus status) {
        return jdbc.sql(
                        """
                        select count(*) from document where collection_id = :collection
                          and (cast(:status as text) is null or status = :status)
                        """)
                .param("collection", collectionId)
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    List<PassageView> passages(UUID id) {
        return jdbc.sql(
                        """
                        select p.ordinal, p.section, p.text, p.start_offset, p.end_offset, p.token_count
                        from passage p join collection c on c.id = p.collection_id
                        where p.document_id = :id and p.generation_id = c.generation_id
                        order by p.ordinal
                        """)
                .param("id", id)
                .query(
                        (rs, row) ->
                                new PassageView(
                                        rs.getInt(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getInt(4),
                                        rs.getInt(5),
                                        rs.getInt(6)))
                .list();
    }

    Optional<String> text(UUID id) {
        return jdbc.sql("select text from document_text where document_id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    Optional<StoredContent> content(UUID id) {
        return jdbc.sql(
                        """
                        select d.filename, d.content_type, c.bytes
                        from document d join document_content c on c.document_id = d.id
                        where d.id = :id
                        """)
                .param("id", id)
                .query(
                        (rs, row) ->
                                new StoredContent(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
    }

    /** Deletes the document; its bytes, text and passages go with it (same statement). */
    boolean delete(UUID id) {
        return jdbc.sql("delete from document where id = :id").param("id", id).update() > 0;
    }

    private static DocumentView view(ResultSet rs, int row) throws SQLException {
        return new DocumentView(
                rs.getObject("id", UUID.class),
                rs.getString("collection"),
                rs.getString("filename"),
                rs.getString("title"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                rs.getInt("version"),
                DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("error"),
                rs.getObject("chunk_count", Integer.class),
                rs.getBoolean("truncated"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("indexed_at")),
                rs.getString("source"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
