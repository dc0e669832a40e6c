-- Blind comparisons: one question answered by two models, shown to the agent as A and B in a
-- random order, and the agent's vote (docs/evaluation.md, "Arena").
create table comparison (
    id            uuid primary key,
    collection_id bigint not null references collection (id) on delete cascade,
    question      text not null,
    model_a       text not null,
    model_b       text not null,
    asked_by      bigint not null,
    created_at    timestamptz not null default now(),
    winner        text check (winner in ('A', 'B', 'tie', 'both-bad')),
    voted_at      timestamptz
);
create index comparison_votes on comparison (collection_id) where winner is not null;
