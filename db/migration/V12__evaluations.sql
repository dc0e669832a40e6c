-- Evaluations: a golden set's questions answered by one or more models through the real pipeline,
-- each answer scored, as a durable job that any instance works on (docs/evaluation.md).
create table evaluation (
    id             uuid primary key,
    collection_id  bigint not null references collection (id) on delete cascade,
    golden_set_id  uuid references golden_set (id) on delete set null,
    golden_set     text not null,
    models         text[] not null,
    judge          text,
    prompt_version text not null,
    seed           bigint not null,
    state          text not null,
    created_by     text not null,
    created_at     timestamptz not null default now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    error          text
);
create index evaluation_collection on evaluation (collection_id, created_at desc);

-- The questions as they were when the evaluation started: deleting or replacing the golden set
-- leaves its reports whole.
create table evaluation_question (
    evaluation_id uuid not null references evaluation (id) on delete cascade,
    position      int not null,
    item          jsonb not null,
    primary key (evaluation_id, position)
);

-- One question for one model: the unit of work, checkpointed when it is done.
create table evaluation_item (
    evaluation_id uuid not null references evaluation (id) on delete cascade,
    position      int not null,
    model_index   int not null,
    state         text not null default 'PENDING',
    picked_by     text,
    lease_until   timestamptz,
    attempts      int not null default 0,
    result        jsonb,
    error         text,
    finished_at   timestamptz,
    primary key (evaluation_id, position, model_index)
);
create index evaluation_item_open on evaluation_item (evaluation_id, state)
    where state in ('PENDING', 'RUNNING');
