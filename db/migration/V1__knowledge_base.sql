-- Verity knowledge base: collections, documents (with their original bytes), index generations and
-- passages with an embedding (HNSW, cosine) and a full-text vector (GIN).
create extension if not exists vector;

create table collection (
    id          bigint generated always as identity primary key,
    name        text        not null unique check (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(name) <= 63),
    description text,
    created_at  timestamptz not null default now()
);

-- One row per uploaded version of a file. The row is also the ingestion queue entry: workers claim
-- QUEUED rows with FOR UPDATE SKIP LOCKED and hold a lease (locked_by, locked_until) while processing.
create table document (
    id              uuid        primary key,
    collection_id   bigint      not null references collection (id) on delete cascade,
    filename        text        not null,
    title           text,
    content_type    text        not null,
    size_bytes      bigint      not null,
    sha256          text        not null,
    version         int         not null default 1,
    status          text        not null default 'QUEUED'
                    check (status in ('QUEUED', 'PROCESSING', 'INDEXED', 'FAILED')),
    error           text,
    chunk_count     int,
    truncated       boolean     not null default false,
    -- later: document-level access control, filtered inside the same search SQL
    access_groups   text[]      not null default '{}',
    created_at      timestamptz not null default now(),
    indexed_at      timestamptz,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    locked_by       text,
    locked_until    timestamptz
);
create index document_collection_idx on document (collection_id, created_at desc);
create index document_queue_idx on document (next_attempt_at) where status in ('QUEUED', 'PROCESSING');
create index document_sha_idx on document (collection_id, sha256);
create index document_filename_idx on document (collection_id, filename);

create table document_content (
    document_id uuid  primary key references document (id) on delete cascade,
    bytes       bytea not null
);

-- The text extracted by the parser: passage offsets (start/end) point into it.
create table document_text (
    document_id uuid primary key references document (id) on delete cascade,
    text        text not null
);

-- An index generation is one way of turning documents into passages (embedding model + chunking).
-- A re-index builds a new generation beside the ACTIVE one and switches atomically when complete.
create table index_generation (
    id                   int generated always as identity primary key,
    embedding_model      text        not null,
    dimension            int         not null,
    chunking_fingerprint text        not null,
    state                text        not null check (state in ('BUILDING', 'ACTIVE', 'RETIRED')),
    created_at           timestamptz not null default now(),
    activated_at         timestamptz
);
create unique index index_generation_one_active on index_generation (state) where state = 'ACTIVE';

create table passage (
    id            bigint generated always as identity primary key,
    document_id   uuid   not null references document (id) on delete cascade,
    collection_id bigint not null references collection (id) on delete cascade,
    generation_id int    not null references index_generation (id) on delete cascade,
    ordinal       int    not null,
    start_offset  int    not null,
    end_offset    int    not null,
    section       text,
    text          text   not null,
    -- the passage's context: document title and heading path
    heading       text   not null,
    -- what was embedded: the passage under its heading
    search_text   text   not null,
    token_count   int    not null,
    embedding     vector(${embedding_dimension}) not null,
    -- full-text vector; words of the heading weigh more (weight A) than words of the text (D)
    tsv           tsvector generated always as (
                      setweight(to_tsvector('english', heading), 'A') || to_tsvector('english', text)
                  ) stored,
    unique (document_id, generation_id, ordinal)
);
create index passage_embedding_idx on passage using hnsw (embedding vector_cosine_ops);
create index passage_tsv_idx on passage using gin (tsv);
create index passage_scope_idx on passage (collection_id, generation_id);
