-- Grounded answers: conversations and their turns (each turn is also the audit record of one answer:
-- the question, its standalone rewrite, the passages the model was given, the answer, its citations,
-- the model and prompt versions, timings), and the questions the knowledge base could not answer.

-- Per-collection override of verity.assistant.relevance-threshold (null: the configured default).
alter table collection add column relevance_threshold double precision
    check (relevance_threshold is null or relevance_threshold between 0 and 1);

create table conversation (
    id            uuid        primary key,
    collection_id bigint      not null references collection (id) on delete cascade,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index conversation_collection_idx on conversation (collection_id, updated_at desc);

create table turn (
    id                  bigint generated always as identity primary key,
    conversation_id     uuid        not null references conversation (id) on delete cascade,
    ordinal             int         not null,
    question            text        not null,
    -- the follow-up rewritten into a question that stands on its own (null for a first question)
    standalone_question text,
    answer              text,
    mode                text        not null check (mode in ('ANSWERED', 'NOT_FOUND', 'PASSAGES_ONLY')),
    notice              text,
    model               text,
    prompt_version      text        not null,
    -- the passages given to the model (or shown instead), and the citations kept after checking
    passages            jsonb       not null,
    citations           jsonb       not null,
    -- answer sentences that cite nothing or cite a passage that does not support them
    unsupported         jsonb       not null default '[]',
    best_similarity     double precision,
    -- token counts as Ollama reported them
    prompt_tokens       int,
    answer_tokens       int,
    retrieval_ms        int,
    first_token_ms      int,
    generation_ms       int,
    total_ms            int,
    created_at          timestamptz not null default now(),
    unique (conversation_id, ordinal)
);

-- Questions answered NOT_FOUND: what the knowledge base is missing, for admins to fill.
create table content_gap (
    id              bigint generated always as identity primary key,
    collection_id   bigint      not null references collection (id) on delete cascade,
    turn_id         bigint      references turn (id) on delete set null,
    question        text        not null,
    best_similarity double precision,
    created_at      timestamptz not null default now()
);
create index content_gap_collection_idx on content_gap (collection_id, created_at desc);
