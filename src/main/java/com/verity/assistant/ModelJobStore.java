package com.verity.assistant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code model_job} rows: one per pull or create, with its latest progress. */
@Repository
class ModelJobStore {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ModelJobStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a QUEUED job; false when the model already has one queued or running. */
    boolean insert(
            UUID id,
            String kind,
            String model,
            String backend,
            Map<String, Object> request,
            String by) {
        try {
            jdbc.sql(
                            """
                            insert into model_job (id, kind, model, backend, request, state, created_by)
                            values (:id, :kind, :model, :backend, cast(:request as jsonb), 'QUEUED', :by)
                            """)
                    .param("id", id)
                    .param("kind", kind)
                    .param("model", model)
                    .param("backend", backend)
                    .param("request", json.writeValueAsString(request))
                    .param("by", by)
                    .update();
            return true;
        } catch (DuplicateKeyException running) {
            return false;
        }
    }

    Optional<ModelJob> find(UUID id) {
        return jdbc.sql("select * from model_job where id = :id")
                .param("id", id)
                .query(this::job)
                .optional();
    }

    List<ModelJob> recent(int limit) {
        return jdbc.sql("select * from model_job order by created_at desc limit :limit")
                .param("limit", limit)
                .query(this::job)
                .list();
    }

    void progress(UUID id, OllamaManagement.Progress progress) {
        jdbc.sql(
                        """
                        update model_job set state = 'RUNNING', status = :status,
                               completed = :completed, total = :total, updated_at = now()
                        where id = :id and state in ('QUEUED', 'RUNNING')
                        """)
                .param("id", id)
                .param("status", progress.status())
                .param("completed", progress.completed())
                .param("total", progress.total())
                .update();
    }

    void finish(UUID id, String error) {
        jdbc.sql(
                        """
                        update model_job set state = :state, error = :error, updated_at = now(),
                               finished_at = now(),
                               status = case when cast(:error as text) is null then 'success' else status end
                        where id = :id and state in ('QUEUED', 'RUNNING')
                        """)
                .param("id", id)
                .param("state", error == null ? "SUCCEEDED" : "FAILED")
                .param("error", error)
                .update();
    }

    private ModelJob job(ResultSet rs, int row) throws SQLException {
        Long completed = (Long) rs.getObject("completed");
        Long total = (Long) rs.getObject("total");
        return new ModelJob(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getString("model"),
                rs.getString("backend"),
                rs.getString("state"),
                rs.getString("status"),
                completed,
                total,
                completed != null && total != null && total > 0
                        ? (int) Math.min(100, completed * 100 / total)
                        : null,
                rs.getString("error"),
                json.readValue(rs.getString("request"), OBJECT),
                rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
