-- Folder sync: one row per run of a folder source (verity.folder-sync.sources in ingest-config), with
-- what it did and the files it could not take. The documents themselves carry the source's name
-- (document.source, V4).

create table folder_sync_run (
    id            uuid        primary key,
    -- the source's name in the configuration; kept when the source is removed from it
    source        text        not null,
    collection    text        not null,
    trigger       text        not null check (trigger in ('API', 'SCHEDULE')),
    state         text        not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    requested_at  timestamptz not null default now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    added         int         not null default 0,
    changed       int         not null default 0,
    unchanged     int         not null default 0,
    removed       int         not null default 0,
    failed        int         not null default 0,
    -- why the whole run failed (folder missing or unreadable, ...); per-file errors are rows below
    error         text
);
-- At most one run of a source is waiting or running, whichever instance started it.
create unique index folder_sync_run_one_active on folder_sync_run (source)
    where state in ('QUEUED', 'RUNNING');
create index folder_sync_run_source_idx on folder_sync_run (source, requested_at desc);

-- Files a run could not take (too large, unsupported, unreadable, ...); the run went on without them.
create table folder_sync_error (
    run_id  uuid not null references folder_sync_run (id) on delete cascade,
    ordinal int  not null,
    path    text not null,
    error   text not null,
    primary key (run_id, ordinal)
);

-- Finding the latest version of a synced file, and all files of a source.
create index document_source_file_idx on document (source, collection_id, filename, version desc)
    where source is not null;
