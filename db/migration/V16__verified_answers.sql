-- Verified answers: an editor's answer to a question, with the passages it cites, served at once
-- (mode VERIFIED, no model call) to a later question close enough to it; suspended when a cited
-- document is replaced or deleted (docs/review.md). And the review of turns: the queue of turns
-- that need review, rated down or NOT_FOUND, until an editor publishes an answer or dismisses them.
create table verified_answer (
    id              uuid        primary key,
    collection_id   bigint      not null references collection (id) on delete cascade,
    question        text        not null check (length(question) between 1 and 2000),
    -- with [n] markers referring to its citations in order
    answer          text        not null check (length(answer) between 1 and 20000),
    -- [{n, documentId, filename, title, chunkId, quote, start, end}]
    citations       jsonb       not null,
    status          text        not null check (status in ('ACTIVE', 'SUSPENDED')),
    suspended_reason text,
    -- the question's embedding, by this model (re-embedded when the configured model changes)
    embedding_model text        not null,
    embedding       vector(${embedding_dimension}) not null,
    hits            bigint      not null default 0,
    last_hit_at     timestamptz,
    -- the turn it answers, when it was written from the review queue
    source_turn_id  bigint      references turn (id) on delete set null,
    created_by      text        not null,
    created_at      timestamptz not null default now(),
    updated_by      text,
    updated_at      timestamptz not null default now()
);
-- Served by an exact nearest-neighbour scan over one collection's active verified answers (a
-- collection holds hundreds, not millions): an HNSW index would filter after its scan and could
-- miss the closest one.
create index verified_answer_collection_idx on verified_answer (collection_id, status);

-- The documents a verified answer cites, at the version it was written against: a replaced (newer
-- version) or deleted document suspends it, and a caller who may not read one of them (by its
-- groups now, or by the groups it had when it was cited once it is gone) neither is served it nor
-- sees it among the collection's verified answers.
create table verified_answer_document (
    verified_answer_id uuid not null references verified_answer (id) on delete cascade,
    document_id        uuid not null,
    filename           text not null,
    version            int  not null,
    access_groups      text[] not null default '{}',
    primary key (verified_answer_id, document_id)
);
create index verified_answer_document_idx on verified_answer_document (document_id);

-- A VERIFIED turn names the verified answer it served.
alter table turn add column verified_answer_id uuid references verified_answer (id) on delete set null;
-- Reviewed turns leave the review queue: an editor published an answer for them or dismissed them.
alter table turn add column reviewed_at timestamptz;
alter table turn add column reviewed_by text;
alter table turn add column review_outcome text check (review_outcome in ('PUBLISHED', 'DISMISSED'));
