-- Golden sets: a collection's questions with what a right answer draws on, to evaluate models,
-- prompts and settings on a team's own documents (docs/evaluation.md).
create table golden_set (
    id            uuid primary key,
    collection_id bigint not null references collection (id) on delete cascade,
    name          text not null,
    created_by    text not null,
    created_at    timestamptz not null default now(),
    unique (collection_id, name)
);

create table golden_item (
    golden_set_id      uuid not null references golden_set (id) on delete cascade,
    position           int not null,
    question           text not null,
    expected_documents text[] not null default '{}',
    expected_passage   text,
    reference_answer   text,
    answerable         boolean not null default true,
    primary key (golden_set_id, position)
);
