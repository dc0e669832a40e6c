-- Per collection, which model answers first and which one answers again when the first answer
-- fails its citation check (docs/models.md, "Escalation"); each turn keeps every attempt; a turn
-- whose escalation failed too is NEEDS_REVIEW, and a turn can come from a verified answer.
create table collection_routing (
    collection_id             bigint primary key references collection (id) on delete cascade,
    -- null: verity.assistant.default-model
    default_model             text,
    -- null: no escalation
    escalation_model          text,
    -- the share of an answer's sentences found unsupported above which it escalates (0: any)
    unsupported_threshold     double precision not null default 0
                              check (unsupported_threshold between 0 and 1),
    -- cosine similarity of question embeddings from which a verified answer is served
    verified_answer_threshold double precision not null default 0.92
                              check (verified_answer_threshold between 0 and 1),
    updated_at                timestamptz not null default now(),
    updated_by                text
);

alter table turn drop constraint turn_mode_check;
alter table turn add constraint turn_mode_check
    check (mode in ('ANSWERED', 'NOT_FOUND', 'PASSAGES_ONLY', 'VERIFIED', 'NEEDS_REVIEW'));
-- every model call the turn made: model, mode, answer, unsupported sentences, timings, tokens
alter table turn add column attempts jsonb not null default '[]';
alter table turn add column escalated boolean not null default false;
create index turn_needs_review_idx on turn (created_at desc) where mode = 'NEEDS_REVIEW';

-- What the models cost, per day, collection and model: answers, tokens, generation time. Kept apart
-- from the turns so that the figures outlive the conversations' retention.
create table model_usage (
    day               date   not null,
    collection_id     bigint not null references collection (id) on delete cascade,
    model             text   not null,
    answers           bigint not null default 0,
    prompt_tokens     bigint not null default 0,
    completion_tokens bigint not null default 0,
    generation_ms     bigint not null default 0,
    primary key (day, collection_id, model)
);
