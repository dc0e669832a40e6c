package com.verity.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Golden sets and their questions. */
@Repository
class GoldenSetRepository {

    private static final String VIEW_SELECT =
            """
            select s.id, s.name, c.name as collection, s.collection_id, s.created_at,
                   (select count(*) from golden_item i where i.golden_set_id = s.id) as items
            from golden_set s join collection c on c.id = s.collection_id
            """;

    /** A golden set with the id of its collection, to check the caller's rights on. */
    record Stored(GoldenSetView view, long collectionId) {}

    private final JdbcClient jdbc;

    GoldenSetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean nameTaken(long collectionId, String name) {
        return jdbc.sql(
                        "select exists (select 1 from golden_set where collection_id = :c and name = :n)")
                .param("c", collectionId)
                .param("n", name)
                .query(Boolean.class)
                .single();
    }

    void insert(UUID id, long collectionId, String name, String createdBy, List<GoldenItem> items) {
        jdbc.sql(
                        """
                        insert into golden_set (id, collection_id, name, created_by)
                        values (:id, :c, :name, :by)
                        """)
                .param("id", id)
                .param("c", collectionId)
                .param("name", name)
                .param("by", createdBy)
                .update();
        for (int position = 0; position < items.size(); position++) {
            insertItem(id, position + 1, items.get(position));
        }
    }

    private void insertItem(UUID id, int position, GoldenItem item) {
        jdbc.sql(
                        """
                        insert into golden_item (golden_set_id, position, question,
                                                 expected_documents, expected_passage,
                                                 reference_answer, answerable)
                        values (:id, :position, :question, cast(:documents as text[]),
                                :passage, :reference, :answerable)
                        """)
                .param("id", id)
                .param("position", position)
                .param("question", item.question())
                .param("documents", item.expectedDocuments().toArray(String[]::new))
                .param("passage", item.expectedPassage())
                .param("reference", item.referenceAnswer())
                .param("answerable", item.answerable())
                .update();
    }

    /** Replaces question {@code position} (from 1); false when there is none. */
    boolean replaceItem(UUID id, int position, GoldenItem item) {
        if (!deleteOne(id, position)) {
            return false;
        }
        insertItem(id, position, item);
        return true;
    }

    private boolean deleteOne(UUID id, int position) {
        return jdbc.sql("delete from golden_item where golden_set_id = :id and position = :p")
                        .param("id", id)
                        .param("p", position)
                        .update()
                > 0;
    }

    /** Appends a question; returns its position. */
    int addItem(UUID id, GoldenItem item) {
        int position =
                jdbc.sql(
                                "select coalesce(max(position), 0) + 1 from golden_item where golden_set_id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single();
        insertItem(id, position, item);
        return position;
    }

    /** Removes question {@code position}, the ones after it moving up; false when there is none. */
    boolean deleteItem(UUID id, int position) {
        if (!deleteOne(id, position)) {
            return false;
        }
        // two steps: moving every row up at once would collide with the primary key midway
        jdbc.sql(
                        "update golden_item set position = -(position - 1) where golden_set_id = :id and position > :p")
                .param("id", id)
                .param("p", position)
                .update();
        jdbc.sql(
                        "update golden_item set position = -position where golden_set_id = :id and position < 0")
                .param("id", id)
                .update();
        return true;
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql(VIEW_SELECT + " where s.id = :id")
                .param("id", id)
                .query((rs, row) -> new Stored(view(rs), rs.getLong("collection_id")))
                .optional();
    }

    List<GoldenSetView> list(long collectionId) {
        return jdbc.sql(
                        VIEW_SELECT
                                + " where s.collection_id = :c order by s.created_at desc, s.name")
                .param("c", collectionId)
                .query((rs, row) -> view(rs))
                .list();
    }

    List<GoldenItem> items(UUID id) {
        return jdbc.sql(
                        """
                        select question, expected_documents, expected_passage, reference_answer, answerable
                        from golden_item where golden_set_id = :id order by position
                        """)
                .param("id", id)
                .query(
                        (rs, row) ->
                                new GoldenItem(
                                        rs.getString("question"),
                                        List.of(
                                                (String[])
                                                        rs.getArray("expected_documents")
                                                                .getArray()),
                                        rs.getString("expected_passage"),
                                        rs.getString("reference_answer"),
                                        rs.getBoolean("answerable")))
                .list();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from golden_set where id = :id").param("id", id).update() > 0;
    }

    private static GoldenSetView view(ResultSet rs) throws SQLException {
        return new GoldenSetView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("collection"),
                rs.getInt("items"),
                rs.getTimestamp("created_at").toInstant());
    }
}
