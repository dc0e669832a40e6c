-- Re-indexing and folder sync: durable jobs on db-scheduler, per-collection index generations,
-- re-index jobs with one checkpoint row per document, and documents that come from a synced folder.

-- db-scheduler's table, as its documentation gives it for PostgreSQL. Each row is one scheduled
-- execution; an instance picks it (picked, picked_by), heartbeats while it runs, and another instance
-- revives it when the heartbeats stop.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Each collection is served by one index generation. A generation may serve several collections
-- (ACTIVE), be under construction by a re-index (BUILDING), or serve none any more (RETIRED).
-- A new collection gets the generation of the configured embedding model and chunking on first use.
alter table collection add column generation_id int references index_generation (id);
update collection set generation_id = (select id from index_generation where state = 'ACTIVE');
drop index index_generation_one_active;

-- A re-index job. At most one runs at a time: it is CPU-heavy, and two would race for the switch.
create table reindex_job (
    id                   uuid        primary key,
    -- null: every collection
    collection_id        bigint      references collection (id) on delete cascade,
    reason               text,
    trigger              text        not null check (trigger in ('API', 'UI', 'SCHEDULE', 'CLI')),
    force                boolean     not null default false,
    state                text        not null
                         check (state in ('RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    embedding_model      text        not null,
    chunking_fingerprint text        not null,
    error                text,
    verification         text,
    created_at           timestamptz not null default now(),
    finished_at          timestamptz
);
create unique index reindex_job_one_running on reindex_job ((true)) where state = 'RUNNING';
create index reindex_job_created_idx on reindex_job (created_at desc);

-- The collections a job re-indexes: from the generation that serves them to the one it builds
-- (the same one when nothing about the index changed; then only missing documents are processed).
create table reindex_job_collection (
    job_id             uuid   not null references reindex_job (id) on delete cascade,
    collection_id      bigint not null references collection (id) on delete cascade,
    from_generation_id int    not null references index_generation (id),
    to_generation_id   int    not null references index_generation (id),
    primary key (job_id, collection_id)
);

-- One row per document of a job: the job's checkpoint. Workers on any instance claim PENDING rows
-- with FOR UPDATE SKIP LOCKED and a lease, so a document is processed once even with several
-- instances, and rows of a dead worker are claimed again when the lease runs out.
create table reindex_item (
    job_id        uuid        not null references reindex_job (id) on delete cascade,
    document_id   uuid        not null references document (id) on delete cascade,
    collection_id bigint      not null references collection (id) on delete cascade,
    state         text        not null default 'PENDING'
                  check (state in ('PENDING', 'PROCESSING', 'DONE', 'SKIPPED', 'FAILED')),
    attempts      int         not null default 0,
    locked_by     text,
    locked_until  timestamptz,
    passages      int,
    reused        int,
    error         text,
    finished_at   timestamptz,
    primary key (job_id, document_id)
);
create index reindex_item_claim_idx on reindex_item (job_id, state);

-- A document built into a generation that does not serve its collection yet. What that generation
-- says about the document (title, passage count, extracted text when it differs) waits here until
-- the switch, so the serving generation's view of the document stays consistent until then. A later
-- job building the same generation skips documents that have a row here.
create table document_build (
    document_id   uuid        not null references document (id) on delete cascade,
    generation_id int         not null references index_generation (id) on delete cascade,
    title         text,
    passages      int         not null,
    truncated     boolean     not null,
    text          text,
    built_at      timestamptz not null default now(),
    primary key (document_id, generation_id)
);

-- Documents synced from a folder source (ingest-config): the source's name and the file's path in
-- it, so removing the file removes the document and uploads are never touched by a sync.
alter table document add column source text;
create index document_source_idx on document (collection_id, source) where source is not null;
