package com.verity.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads runs of folder sources, with their per-file errors, as the API shows them. */
@Component
class FolderSyncHistory {

    private static final String SELECT =
            """
            select id, source, collection, trigger, state, requested_at, started_at, finished_at,
                   added, changed, unchanged, removed, failed, error
            from folder_sync_run
            """;

    private final JdbcClient jdbc;

    FolderSyncHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<FolderSyncRun> find(String source, UUID id) {
        return jdbc.sql(SELECT + " where id = :id and source = :source")
                .param("id", id)
                .param("source", source)
                .query(FolderSyncHistory::view)
                .optional()
                .map(run -> withErrors(List.of(run)).get(0));
    }

    /** The source's newest runs first. */
    List<FolderSyncRun> recent(String source, int limit) {
        List<FolderSyncRun> runs =
                jdbc.sql(SELECT + " where source = :source order by requested_at desc limit :limit")
                        .param("source", source)
                        .param("limit", limit)
                        .query(FolderSyncHistory::view)
                        .list();
        return withErrors(runs);
    }

    private List<FolderSyncRun> withErrors(List<FolderSyncRun> runs) {
        if (runs.isEmpty()) {
            return runs;
        }
        Map<UUID, List<FolderSyncRun.FileError>> errors = new HashMap<>();
        jdbc.sql(
                        "select run_id, path, error from folder_sync_error where run_id in (:ids)"
                                + " order by run_id, ordinal")
                .param("ids", runs.stream().map(FolderSyncRun::id).toList())
                .query(
                        rs -> {
                            errors.computeIfAbsent(
                                            rs.getObject(1, UUID.class), id -> new ArrayList<>())
                                    .add(
                                            new FolderSyncRun.FileError(
                                                    rs.getString(2), rs.getString(3)));
                        });
        return runs.stream()
                .map(run -> run.withErrors(errors.getOrDefault(run.id(), List.of())))
                .toList();
    }

    private static FolderSyncRun view(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new FolderSyncRun(
                id,
                rs.getString("source"),
                rs.getString("collection"),
                FolderSyncTrigger.valueOf(rs.getString("trigger")),
                FolderSyncState.valueOf(rs.getString("state")),
                instant(rs.getTimestamp("requested_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getInt("added"),
                rs.getInt("changed"),
                rs.getInt("unchanged"),
                rs.getInt("removed"),
                rs.getInt("failed"),
                List.of(),
                rs.getString("error"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
