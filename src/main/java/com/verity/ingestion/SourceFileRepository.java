package com.verity.ingestion;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The documents of folder sources (document.source set), by source and file. */
@Repository
class SourceFileRepository {

    /** The newest version of a synced file. */
    record Latest(UUID id, int version, String sha256) {}

    private final JdbcClient jdbc;

    SourceFileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Latest> latest(long collectionId, String source, String filename) {
        return jdbc.sql(
                        """
                        select id, version, sha256 from document
                        where source = :source and collection_id = :collection
                          and filename = :filename
                        order by version desc limit 1
                        """)
                .param("source", source)
                .param("collection", collectionId)
                .param("filename", filename)
                .query(
                        (rs, row) ->
                                new Latest(
                                        rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3)))
                .optional();
    }

    /** The newest version of every file of the source, in any collection. */
    List<SourceDocuments.SourceFile> files(String source) {
        return jdbc.sql(
                        """
                        select distinct on (d.collection_id, d.filename)
                               c.name, d.filename, d.sha256, d.version
                        from document d join collection c on c.id = d.collection_id
                        where d.source = :source
                        order by d.collection_id, d.filename, d.version desc
                        """)
                .param("source", source)
                .query(
                        (rs, row) ->
                                new SourceDocuments.SourceFile(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getInt(4)))
                .list();
    }

    /** Deletes every version of the file that came from the source; their passages go with them. */
    int delete(String collection, String source, String filename) {
        return jdbc.sql(
                        """
                        delete from document
                        where source = :source and filename = :filename
                          and collection_id = (select id from collection where name = :collection)
                        """)
                .param("source", source)
                .param("filename", filename)
                .param("collection", collection)
                .update();
    }

    /** Sets the access groups of every document of the source that has others. */
    int regroup(String source, List<String> groups) {
        return jdbc.sql(
                        """
                        update document set access_groups = cast(:groups as text[])
                        where source = :source and access_groups <> cast(:groups as text[])
                        """)
                .param("groups", groups.toArray(String[]::new))
                .param("source", source)
                .update();
    }
}
