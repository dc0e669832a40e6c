package com.verity.collection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CollectionRepository {

    private static final String SUMMARY_SELECT =
            """
            select c.name, c.description, c.created_at, c.relevance_threshold,
                   count(d.id) as documents,
                   count(d.id) filter (where d.status = 'INDEXED') as indexed,
                   count(d.id) filter (where d.status in ('QUEUED', 'PROCESSING')) as pending,
                   count(d.id) filter (where d.status = 'FAILED') as failed
            from collection c left join document d on d.collection_id = c.id
            """;

    private final JdbcClient jdbc;

    CollectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String name, String description) {
        jdbc.sql("insert into collection (name, description) values (:name, :description)")
                .param("name", name)
                .param("description", description)
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

    List<CollectionSummary> findAll() {
        return jdbc.sql(SUMMARY_SELECT + " group by c.id order by c.name")
                .query(CollectionRepository::summary)
                .list();
    }

    Optional<CollectionSummary> findByName(String name) {
        return jdbc.sql(SUMMARY_SELECT + " where c.name = :name group by c.id")
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

    boolean updateRelevanceThreshold(String name, Double threshold) {
        return jdbc.sql("update collection set relevance_threshold = :threshold where name = :name")
                        .param("threshold", threshold)
                        .param("name", name)
                        .update()
                > 0;
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
