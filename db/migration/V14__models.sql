-- The models callers may use, managed by admins (seeded from verity.assistant.allowed-models on
-- start-up, never overwritten by it), each with the profile overrides set on the models page, and
-- the jobs that pull a model or create a variant of one on a backend (docs/models.md).
create table model (
    -- as callers name it: an Ollama name (mistral, llama3.1:8b) or <backend>/<model>
    name       text        primary key check (length(name) between 1 and 200),
    allowed    boolean     not null,
    -- overrides of the configured profile: num_ctx, temperature, top_p, num_predict, keep_alive,
    -- token_estimate_factor (absent keys fall back to configuration)
    profile    jsonb       not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    updated_by text
);

create table model_job (
    id          uuid        primary key,
    kind        text        not null check (kind in ('PULL', 'CREATE')),
    model       text        not null,
    backend     text        not null,
    -- what the job sends the backend: the pull's name, or the create request (from, adapters, ...)
    request     jsonb       not null,
    state       text        not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    -- the backend's last progress line: its status text, and bytes done of the current layer
    status      text,
    completed   bigint,
    total       bigint,
    error       text,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    finished_at timestamptz
);
create index model_job_created_idx on model_job (created_at desc);
-- one pull or create per model at a time, whichever instance accepted it
create unique index model_job_running_idx on model_job (model) where state in ('QUEUED', 'RUNNING');
