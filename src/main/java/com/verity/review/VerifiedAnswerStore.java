package com.verity.review;

import com.pgvector.PGvector;
import com.verity.assistant.Citation;
import com.verity.security.AccessSql;
import com.verity.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code verified_answer} rows and the documents each one cites. */
@Repository
class VerifiedAnswerStore {

    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {};

    /** A stored verified answer with the collection it belongs to. */
    record Row(VerifiedAnswer view, long collectionId) {}

    /** The nearest active verified answer of a match. */
    record Nearest(Row row, double similarity) {}

    /** What is written: the answer, its citations and the documents they come from. */
    record Content(
            String question,
            String answer,
            List<Citation> citations,
            Map<UUID, Cited> documents,
            String embeddingModel,
            float[] embedding) {}

    /** A cited document as it was when the answer was written. */
    record Cited(String filename, int version, List<String> accessGroups) {}

    /**
     * Every document the answer cites is readable by the caller: by its groups now, or, once it is
     * gone, by the groups it had when it was cited. Admins read every answer.
     */
    private static final String READABLE =
            """
            (:callerAdmin or not exists (
                select 1 from verified_answer_document vr left join document dr on dr.id = vr.document_id
                where vr.verified_answer_id = v.id
                  and not (cardinality(coalesce(dr.access_groups, vr.access_groups)) = 0
                           or coalesce(dr.access_groups, vr.access_groups) && cast(:callerGroups as text[]))))
            """;

    /** Every cited document is still there at the version the answer was written against. */
    private static final String CURRENT =
            """
            not exists (select 1 from verified_answer_document vc left join document dc on dc.id = vc.document_id
                        where vc.verified_answer_id = v.id and (dc.id is null or dc.version <> vc.version))
            """;

    private static final String SELECT =
            """
            select v.*, c.name as collection_name from verified_answer v
            join collection c on c.id = v.collection_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    VerifiedAnswerStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    void insert(UUID id, long collectionId, Content content, Long sourceTurn, String by) {
        jdbc.sql(
                        """
                        insert into verified_answer (id, collection_id, question, answer, citations, status,
                                                     embedding_model, embedding, source_turn_id, created_by)
                        values (:id, :collection, :question, :answer, cast(:citations as jsonb), 'ACTIVE',
                                :model, :embedding, :turn, :by)
                        """)
                .param("id", id)
                .param("collection", collectionId)
                .param("question", content.question())
                .param("answer", content.answer())
                .param("citations", json.writeValueAsString(content.citations()))
                .param("model", content.embeddingModel())
                .param("embedding", new PGvector(content.embedding()))
                .param("turn", sourceTurn)
                .param("by", by)
                .update();
        documents(id, content.documents());
    }

    /** Replaces an answer's content; it is active again, against the documents as they are now. */
    @Transactional
    void update(UUID id, Content content, String by) {
        jdbc.sql(
                        """
                        update verified_answer set question = :question, answer = :answer,
                               citations = cast(:citations as jsonb), status = 'ACTIVE',
                               suspended_reason = null, embedding_model = :model, embedding = :embedding,
                               updated_by = :by, updated_at = now()
                        where id = :id
                        """)
                .param("id", id)
                .param("question", content.question())
                .param("answer", content.answer())
                .param("citations", json.writeValueAsString(content.citations()))
                .param("model", content.embeddingModel())
                .param("embedding", new PGvector(content.embedding()))
                .param("by", by)
                .update();
        jdbc.sql("delete from verified_answer_document where verified_answer_id = :id")
                .param("id", id)
                .update();
        documents(id, content.documents());
    }

    private void documents(UUID id, Map<UUID, Cited> documents) {
        documents.forEach(
                (document, cited) ->
                        jdbc.sql(
                                        """
                                        insert into verified_answer_document (verified_answer_id, document_id,
                                                                              filename, version, access_groups)
                                        values (:id, :document, :filename, :version, :groups)
                                        """)
                                .param("id", id)
                                .param("document", document)
                                .param("filename", cited.filename())
                                .param("version", cited.version())
                                .param("groups", cited.accessGroups().toArray(String[]::new))
                                .update());
    }

    /** The answer, if every document it cites is readable by the caller. */
    Optional<Row> find(UUID id, Caller caller) {
        return AccessSql.bind(jdbc.sql(SELECT + " where v.id = :id and " + READABLE), caller)
                .param("id", id)
                .query(this::row)
                .optional();
    }

    /**
     * The collection's answers whose cited documents the caller may all read, newest first; with
     * {@code current}, only those whose documents are all unchanged (the periodic check may not
     * have suspended the others yet).
     */
    List<Row> list(long collectionId, String status, boolean current, int limit, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                SELECT
                                        + " where v.collection_id = :collection"
                                        + " and (cast(:status as text) is null or v.status = :status)"
                                        + " and "
                                        + READABLE
                                        + (current ? " and " + CURRENT : "")
                                        + " order by v.created_at desc limit :limit"),
                        caller)
                .param("collection", collectionId)
                .param("status", status)
                .param("limit", limit)
                .query(this::row)
                .list();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from verified_answer where id = :id").param("id", id).update() > 0;
    }

    /**
     * The active verified answer of the collection closest to the question's embedding, if at or
     * above {@code threshold} and every document it cites is still at its version and readable by
     * the caller (the same group rule search applies). An exact scan of the collection's answers.
     */
    Optional<Nearest> nearest(
            long collectionId, String model, float[] embedding, double threshold, Caller caller) {
        return AccessSql.bind(
                        jdbc.sql(
                                """
                                select * from (
                                    select v.*, c.name as collection_name,
                                           1 - (v.embedding <=> cast(:embedding as vector)) as similarity
                                    from verified_answer v join collection c on c.id = v.collection_id
                                    where v.collection_id = :collection and v.status = 'ACTIVE'
                                      and v.embedding_model = :model
                                      and not exists (
                                          select 1 from verified_answer_document vd
                                          left join document d on d.id = vd.document_id
                                          where vd.verified_answer_id = v.id
                                            and (d.id is null or d.version <> vd.version
                                                 or not %s))
                                    order by v.embedding <=> cast(:embedding as vector)
                                    limit 1) best
                                where best.similarity >= :threshold
                                """
                                        .formatted(AccessSql.inGroups("d.access_groups"))),
                        caller)
                .param("collection", collectionId)
                .param("model", model)
                .param("embedding", new PGvector(embedding))
                .param("threshold", threshold)
                .query((rs, n) -> new Nearest(row(rs, n), rs.getDouble("similarity")))
                .optional();
    }

    void hit(UUID id) {
        jdbc.sql("update verified_answer set hits = hits + 1, last_hit_at = now() where id = :id")
                .param("id", id)
                .update();
    }

    /**
     * Suspends every active answer citing a document that was deleted or replaced by a newer
     * version, saying which; returns how many.
     */
    int suspendStale() {
        return jdbc.sql(
                        """
                        update verified_answer v set status = 'SUSPENDED', updated_at = now(),
                               suspended_reason = stale.reason
                        from (select vd.verified_answer_id as id,
                                     string_agg(case when d.id is null
                                                     then vd.filename || ' was replaced or deleted'
                                                     else vd.filename || ' changed (version ' || vd.version
                                                          || ' is now ' || d.version || ')' end,
                                                '; ' order by vd.filename) as reason
                              from verified_answer_document vd
                              left join document d on d.id = vd.document_id
                              where d.id is null or d.version <> vd.version
                              group by vd.verified_answer_id) stale
                        where v.id = stale.id and v.status = 'ACTIVE'
                        """)
                .update();
    }

    /** Answers whose question was embedded by another model than {@code model}. */
    List<Map.Entry<UUID, String>> embeddedOtherwise(String model) {
        return jdbc.sql("select id, question from verified_answer where embedding_model <> :model")
                .param("model", model)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    void reembed(UUID id, String model, float[] embedding) {
        jdbc.sql(
                        "update verified_answer set embedding_model = :model, embedding = :embedding"
                                + " where id = :id")
                .param("id", id)
                .param("model", model)
                .param("embedding", new PGvector(embedding))
                .update();
    }

    private Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                new VerifiedAnswer(
                        rs.getObject("id", UUID.class),
                        rs.getString("collection_name"),
                        rs.getString("question"),
                        rs.getString("answer"),
                        json.readValue(rs.getString("citations"), CITATIONS),
                        rs.getString("status"),
                        rs.getString("suspended_reason"),
                        rs.getLong("hits"),
                        instant(rs.getTimestamp("last_hit_at")),
                        (Long) rs.getObject("source_turn_id"),
                        rs.getString("created_by"),
                        instant(rs.getTimestamp("created_at")),
                        rs.getString("updated_by"),
                        instant(rs.getTimestamp("updated_at"))),
                rs.getLong("collection_id"));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
