package com.verity.sync;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes the folder_sync_run rows and their per-file errors as runs start, go on and end. */
@Component
class FolderSyncRunStore {

    private final JdbcClient jdbc;
    private final FolderSyncProperties properties;

    FolderSyncRunStore(JdbcClient jdbc, FolderSyncProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Serialises starting runs of one source across instances, until the transaction ends. */
    void lockSource(String source) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('verity.folder-sync/' || :source))")
                .param("source", source)
                .query()
                .singleValue();
    }

    void insert(UUID id, String source, String collection, FolderSyncTrigger trigger) {
        jdbc.sql(
                        """
                        insert into folder_sync_run (id, source, collection, trigger, state)
                        values (:id, :source, :collection, :trigger, 'QUEUED')
                        """)
                .param("id", id)
                .param("source", source)
                .param("collection", collection)
                .param("trigger", trigger.name())
                .update();
    }

    /** The source's queued or running run. */
    Optional<UUID> active(String source) {
        return jdbc.sql(
                        "select id from folder_sync_run where source = :source"
                                + " and state in ('QUEUED', 'RUNNING')")
                .param("source", source)
                .query(UUID.class)
                .optional();
    }

    /** Starts (or, after an interruption, restarts) a run from scratch. */
    void start(UUID id) {
        jdbc.sql("delete from folder_sync_error where run_id = :id").param("id", id).update();
        jdbc.sql(
                        """
                        update folder_sync_run
                        set state = 'RUNNING', started_at = now(), added = 0, changed = 0,
                            unchanged = 0, removed = 0, failed = 0, error = null
                        where id = :id
                        """)
                .param("id", id)
                .update();
    }

    /** Hands a run back to the queue: a stopping instance will not finish it. */
    void requeue(UUID id) {
        jdbc.sql("update folder_sync_run set state = 'QUEUED' where id = :id")
                .param("id", id)
                .update();
    }

    void progress(UUID id, RunTally tally) {
        finish(id, null, tally, null);
    }

    /** Records a file the run could not take (the first verity.folder-sync.reported-errors). */
    void fileError(UUID id, int ordinal, FolderSyncRun.FileError error) {
        if (ordinal > properties.reportedErrors()) {
            return;
        }
        jdbc.sql(
                        """
                        insert into folder_sync_error (run_id, ordinal, path, error)
                        values (:id, :ordinal, :path, :error)
                        """)
                .param("id", id)
                .param("ordinal", ordinal)
                .param("path", error.path())
                .param("error", error.error())
                .update();
    }

    /** Saves the counts; with a state, ends the run in it. */
    void finish(UUID id, FolderSyncState state, RunTally tally, String error) {
        jdbc.sql(
                        """
                        update folder_sync_run
                        set state = coalesce(cast(:state as text), state), added = :added,
                            changed = :changed, unchanged = :unchanged, removed = :removed,
                            failed = :failed, error = :error,
                            finished_at = case when cast(:state as text) is null then null
                                               else now() end
                        where id = :id
                        """)
                .param("state", state == null ? null : state.name())
                .param("added", tally.added)
                .param("changed", tally.changed)
                .param("unchanged", tally.unchanged)
                .param("removed", tally.removed)
                .param("failed", tally.failed)
                .param("error", error)
                .param("id", id)
                .update();
    }

    /** Deletes the source's finished runs beyond the newest verity.folder-sync.keep-runs. */
    void prune(String source) {
        jdbc.sql(
                        """
                        delete from folder_sync_run where id in (
                            select id from folder_sync_run
                            where source = :source and state in ('SUCCEEDED', 'FAILED')
                            order by requested_at desc offset :keep)
                        """)
                .param("source", source)
                .param("keep", properties.keepRuns())
                .update();
    }
}
