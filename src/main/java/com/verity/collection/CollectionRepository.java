package com.verity.collection;

import com.verity.security.AccessSql;
import com.verity.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CollectionRepository {

    /** Collections with the counts of the documents the caller may search in them. */
    private static final String SUMMARY_SELECT =
            """
            select c.name, c.description, c.created_at, c.relevance_threshold,
                   count(d.id) as documents,
                   count(d.id) filter (where d.status = 'INDEXED') as indexed,
                   count(d.id) filter (where d.status in ('QUEUED', 'PROCESSING')) as pending,
                   count(d.id) filter (where d.status = 'FAILED') as failed
            from collection c left join document d on d.collection_id = c.id
                                                   and %s
            where %s
            """
                    .formatted(
                            AccessSql.inGroups("d.access_groups"),
                            AccessSql.collectionReadable("c"));

    private final JdbcClient jdbc;

    CollectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String name, String description, Long creatorId) {
        jdbc.sql(
                        """
                        insert into collection (name, description, creator_id)
                        values (:name, :description, :creator)
                        """)
                .param("name", name)
                .param("description", description)
                .param("creator", creatorId)
                .update();
    }

    void insertIfMissing(String name, String description) {
        jdbc.sql(
                        """
                        insert into collection (name, description) values (:name, :description)
                        on conflict (name) do nothing
                        """)
                .param("name", name)
                .param("description", description)
                .update();
    }

    List<CollectionSummary> findAll(Caller caller) {
        return AccessSql.bind(jdbc.sql(SUMMARY_SELECT + " group by c.id order by c.name"), caller)
                .query(CollectionRepository::summary)
                .list();
    }

    Optional<CollectionSummary> findByName(String name, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(SUMMARY_SELECT + " and c.name = :name group by c.id"), caller)
                .param("name", name)
                .query(CollectionRepository::summary)
                .optional();
    }

    List<Long> findAllIds() {
        return jdbc.sql("select id from collection order by id").query(Long.class).list();
    }

    Optional<Long> findId(String name) {
        return jdbc.sql("select id from collection where name = :name")
                .param("name", name)
                .query(Long.class)
                .optional();
    }

    /** What the caller may do with a named collection: nothing (empty), read, or also edit. */
    Optional<Rights> rights(String name, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                "select c.id, %s as editable from collection c where c.name = :name and %s"
                                        .formatted(
                                                AccessSql.collectionEditable("c"),
                                                AccessSql.collectionReadable("c"))),
                        caller)
                .param("name", name)
                .query((rs, row) -> new Rights(rs.getLong(1), rs.getBoolean(2)))
                .optional();
    }

    /** Whether the caller may edit the collection with this id (false when it may not read it). */
    boolean editable(long id, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                "select exists (select 1 from collection c where c.id = :id and %s and %s)"
                                        .formatted(
                                                AccessSql.collectionReadable("c"),
                                                AccessSql.collectionEditable("c"))),
                        caller)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    record Rights(long id, boolean editable) {}

    CollectionAccess access(long id) {
        return jdbc.sql("select readers, editors from collection where id = :id")
                .param("id", id)
                .query(
                        (rs, row) ->
                                new CollectionAccess(
                                        Arrays.asList((String[]) rs.getArray(1).getArray()),
                                        Arrays.asList((String[]) rs.getArray(2).getArray())))
                .single();
    }

    void updateAccess(long id, List<String> readers, List<String> editors) {
        jdbc.sql("update collection set readers = :readers, editors = :editors where id = :id")
                .param("readers", readers.toArray(String[]::new))
                .param("editors", editors.toArray(String[]::new))
                .param("id", id)
                .update();
    }

    /** Takes an entry out of every collection's readers and editors. */
    int removeFromAccessLists(String entry) {
        return jdbc.sql(
                        """
                        update collection set readers = array_remove(readers, :entry),
                                              editors = array_remove(editors, :entry)
                        where :entry = any(readers) or :entry = any(editors)
                        """)
                .param("entry", entry)
                .update();
    }

    void updateRelevanceThreshold(long id, Double threshold) {
        jdbc.sql("update collection set relevance_threshold = :threshold where id = :id")
                .param("threshold", threshold)
                .param("id", id)
                .update();
    }

    Optional<Double> relevanceThreshold(long id) {
        return jdbc.sql("select relevance_threshold from collection where id = :id")
                .param("id", id)
                .query((rs, row) -> rs.getObject(1, Double.class))
                .optional()
                .filter(java.util.Objects::nonNull);
    }

    private static CollectionSummary summary(ResultSet rs, int row) throws SQLException {
        return new CollectionSummary(
                rs.getString("name"),
                rs.getString("description"),
                rs.getLong("documents"),
                rs.getLong("indexed"),
                rs.getLong("pending"),
                rs.getLong("failed"),
                rs.getObject("relevance_threshold", Double.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
