package com.verity.ingestion;

import com.verity.security.AccessSql;
import com.verity.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Repository;

/** Documents and their original bytes. */
@Repository
class DocumentRepository {

    private static final String VIEW_SELECT =
            """
            select d.id, c.name as collection, d.filename, d.title, d.content_type, d.size_bytes,
                   d.sha256, d.version, d.status, d.error, d.chunk_count, d.truncated,
                   d.created_at, d.indexed_at, d.source, d.access_groups, d.language,
                   d.ocr_pages, """
                    + SkippedAttachment.NAMES_AND_REASONS
                    + """

            from document d join collection c on c.id = d.collection_id
            """;

    /**
     * The caller may open the document: in a collection they may read, and in one of its access
     * groups (admins open every document, to manage it).
     */
    private static final String OPENABLE =
            AccessSql.collectionReadable("c")
                    + " and "
                    + AccessSql.inGroupsOrAdmin("d.access_groups");

    private static final String CONTENT_SELECT =
            """
            select d.filename, d.content_type, b.bytes
            from document d join document_content b on b.document_id = d.id
              join collection c on c.id = d.collection_id
            where d.id = :id
            """;

    /** A document to store; {@code source} names its folder source, null for an upload. */
    record NewDocument(
            UUID id,
            long collectionId,
            String filename,
            String contentType,
            InputStreamSource content,
            long size,
            String sha256,
            int version,
            String source,
            List<String> accessGroups,
            String language) {}

    record StoredContent(String filename, String contentType, byte[] bytes) {}

    /** The language the uploader or folder source chose for the document, if one did. */
    Optional<String> chosenLanguage(UUID documentId) {
        return jdbc.sql("select language from document where id = :id and language_chosen")
                .param("id", documentId)
                .query(String.class)
                .optional();
    }

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(NewDocument document) {
        jdbc.sql(
                        """
                        insert into document (id, collection_id, filename, content_type, size_bytes,
                                              sha256, version, status, source, access_groups,
                                              language, language_chosen)
                        values (:id, :collection, :filename, :type, :size, :sha, :version, 'QUEUED',
                                :source, cast(:groups as text[]), cast(:language as text),
                                cast(:language as text) is not null)
                        """)
                .param("language", document.language())
                .param("id", document.id())
                .param("collection", document.collectionId())
                .param("filename", document.filename())
                .param("type", document.contentType())
                .param("size", document.size())
                .param("sha", document.sha256())
                .param("version", document.version())
                .param("source", document.source())
                .param("groups", document.accessGroups().toArray(String[]::new))
                .update();
        jdbc.sql("insert into document_content (document_id, bytes) values (:id, :bytes)")
                .param("id", document.id())
                // streamed from the upload's temporary file into the statement, never held whole
                .param("bytes", new SqlBinaryValue(document.content(), document.size()))
                .update();
    }

    /**
     * An uploaded document of the collection holding exactly these bytes that the caller may open,
     * unless it failed. Synced documents do not count: they leave when their file leaves its
     * folder. A copy the caller may not open is not one: the caller never learns of it.
     */
    Optional<DocumentView> findSameContent(long collectionId, String sha256, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                VIEW_SELECT
                                        + """
                                        where d.collection_id = :collection and d.sha256 = :sha
                                          and d.status <> 'FAILED' and d.source is null and %s
                                        order by d.created_at limit 1
                                        """
                                                .formatted(
                                                        AccessSql.inGroupsOrAdmin(
                                                                "d.access_groups"))),
                        caller)
                .param("collection", collectionId)
                .param("sha", sha256)
                .query(DocumentRepository::view)
                .optional();
    }

    /** The newest uploaded version of a file name, and whether the caller may open it. */
    record LatestUpload(int version, List<String> accessGroups, boolean openable) {}

    Optional<LatestUpload> latestUpload(long collectionId, String filename, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select d.version, d.access_groups, %s as openable from document d
                                where d.collection_id = :collection and d.filename = :filename
                                  and d.source is null
                                order by d.version desc limit 1
                                """
                                        .formatted(AccessSql.inGroupsOrAdmin("d.access_groups"))),
                        caller)
                .param("collection", collectionId)
                .param("filename", filename)
                .query(
                        (rs, row) ->
                                new LatestUpload(
                                        rs.getInt(1),
                                        List.of((String[]) rs.getArray(2).getArray()),
                                        rs.getBoolean(3)))
                .optional();
    }

    /** The document, if the caller may open it. */
    Optional<DocumentView> find(UUID id, Caller caller) {
        return AccessSql.bind(jdbc.sql(VIEW_SELECT + " where d.id = :id and " + OPENABLE), caller)
                .param("id", id)
                .query(DocumentRepository::view)
                .optional();
    }

    /** The id of the document's collection, if the caller may open it and edit the collection. */
    Optional<Long> editableCollection(UUID id, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                "select c.id from document d join collection c on c.id = d.collection_id"
                                        + " where d.id = :id and "
                                        + OPENABLE
                                        + " and "
                                        + AccessSql.collectionEditable("c")),
                        caller)
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    /** The documents of a collection the caller may open, newest first. */
    List<DocumentView> page(
            long collectionId, DocumentStatus status, int page, int size, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                VIEW_SELECT
                                        + """
                                        where d.collection_id = :collection
                                          and (cast(:status as text) is null or d.status = :status)
                                          and %s
                                        order by d.created_at desc, d.filename
                                        limit :limit offset :offset
                                        """
                                                .formatted(
                                                        AccessSql.inGroupsOrAdmin(
                                                                "d.access_groups"))),
                        caller)
                .param("collection", collectionId)
                .param("status", status == null ? null : status.name())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(DocumentRepository::view)
                .list();
    }

    long count(long collectionId, DocumentStatus status, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select count(*) from document d where d.collection_id = :collection
                                  and (cast(:status as text) is null or d.status = :status)
                                  and %s
                                """
                                        .formatted(AccessSql.inGroupsOrAdmin("d.access_groups"))),
                        caller)
                .param("collection", collectionId)
                .param("status", status == null ? null : status.name())
                .query(Long.class)
                .single();
    }

    /**
     * The document's passages in its collection's serving generation, if the caller may open it.
     */
    List<PassageView> passages(UUID id, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select p.ordinal, p.section, p.text, p.start_offset, p.end_offset,
                                       p.token_count
                                from passage p join document d on d.id = p.document_id
                                  join collection c on c.id = p.collection_id
                                where p.document_id = :id and p.generation_id = c.generation_id
                                  and %s
                                order by p.ordinal
                                """
                                        .formatted(OPENABLE)),
                        caller)
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

    /**
     * The passage {@code chunkId} of the serving generation, if the caller may open its document;
     * with {@code documentId}, the passage of that document whose range holds {@code start}
     * instead.
     */
    Optional<PassageRef> passage(Long chunkId, UUID documentId, Integer start, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select p.id, d.id as document_id, d.collection_id, d.filename, d.title,
                                       p.section, p.text, p.start_offset, p.end_offset, d.version,
                                       d.access_groups
                                from passage p join document d on d.id = p.document_id
                                  join collection c on c.id = p.collection_id
                                where p.generation_id = c.generation_id
                                  and (cast(:chunk as bigint) is null or p.id = :chunk)
                                  and (cast(:document as uuid) is null
                                       or (p.document_id = :document and p.start_offset <= :start
                                           and p.end_offset > :start))
                                  and %s
                                order by p.ordinal limit 1
                                """
                                        .formatted(OPENABLE)),
                        caller)
                .param("chunk", chunkId)
                .param("document", documentId)
                .param("start", start == null ? 0 : start)
                .query(
                        (rs, row) ->
                                new PassageRef(
                                        rs.getLong(1),
                                        rs.getObject(2, UUID.class),
                                        rs.getLong(3),
                                        rs.getString(4),
                                        rs.getString(5),
                                        rs.getString(6),
                                        rs.getString(7),
                                        rs.getInt(8),
                                        rs.getInt(9),
                                        rs.getInt(10),
                                        List.of((String[]) rs.getArray(11).getArray())))
                .optional();
    }

    /** The document's extracted text, if the caller may open it. */
    Optional<String> text(UUID id, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select t.text from document_text t join document d on d.id = t.document_id
                                  join collection c on c.id = d.collection_id
                                where t.document_id = :id and %s
                                """
                                        .formatted(OPENABLE)),
                        caller)
                .param("id", id)
                .query(String.class)
                .optional();
    }

    /** The document's original bytes, for the service's own work (parsing, re-indexing). */
    Optional<StoredContent> content(UUID id) {
        return jdbc.sql(CONTENT_SELECT)
                .param("id", id)
                .query(DocumentRepository::content)
                .optional();
    }

    /** The document's original bytes, if the caller may open it. */
    Optional<StoredContent> content(UUID id, Caller caller) {
        return AccessSql.bind(jdbc.sql(CONTENT_SELECT + " and " + OPENABLE), caller)
                .param("id", id)
                .query(DocumentRepository::content)
                .optional();
    }

    private static StoredContent content(ResultSet rs, int row) throws SQLException {
        return new StoredContent(rs.getString(1), rs.getString(2), rs.getBytes(3));
    }

    /** Deletes the document; its bytes, text and passages go with it (same statement). */
    boolean delete(UUID id) {
        return jdbc.sql("delete from document where id = :id").param("id", id).update() > 0;
    }

    /** Sets the document's access groups; a trigger gives its passages the same ones. */
    void updateAccessGroups(UUID id, List<String> groups) {
        jdbc.sql("update document set access_groups = cast(:groups as text[]) where id = :id")
                .param("groups", groups.toArray(String[]::new))
                .param("id", id)
                .update();
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
                rs.getString("source"),
                List.of((String[]) rs.getArray("access_groups").getArray()),
                rs.getString("language"),
                rs.getInt("ocr_pages") > 0,
                rs.getInt("ocr_pages"),
                SkippedAttachment.read(rs));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
