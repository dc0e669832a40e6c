-- Identity and access: accounts with roles and groups, API keys, who may read and edit each
-- collection, document access groups carried onto every passage (so both search arms filter inside
-- their own SQL), conversations owned by the user who started them, the audit log, sign-in
-- throttling shared by all instances, and HTTP sessions shared by all instances (Spring Session).

create table app_user (
    id            bigint generated always as identity primary key,
    -- lowercase; what people type at the sign-in form and in HTTP Basic
    username      text        not null unique check (username ~ '^[a-z0-9][a-z0-9._@+-]{0,99}$'),
    display_name  text,
    -- Spring Security's delegating encoder format ({bcrypt}...); null: signs in through the
    -- company's identity provider only
    password_hash text,
    roles         text[]      not null default '{AGENT}'
                  check (cardinality(roles) > 0 and roles <@ array['AGENT', 'EDITOR', 'ADMIN']::text[]),
    groups        text[]      not null default '{}',
    enabled       boolean     not null default true,
    -- accounts created by an OpenID Connect sign-in: the provider and the user's subject there
    oidc_issuer   text,
    oidc_subject  text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (oidc_issuer, oidc_subject)
);
create index app_user_groups_idx on app_user using gin (groups);

-- API keys act as their owner, limited to their scopes. Only a SHA-256 of the key is stored: keys
-- are 256 random bits, so a slow password hash would add latency to every call and no safety.
create table api_key (
    id           uuid        primary key,
    owner_id     bigint      not null references app_user (id) on delete cascade,
    name         text        not null,
    -- the key's first characters, so its owner can tell keys apart
    prefix       text        not null,
    key_hash     text        not null unique,
    scopes       text[]      not null
                 check (cardinality(scopes) > 0
                        and scopes <@ array['read', 'ask', 'write', 'admin']::text[]),
    expires_at   timestamptz,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_key_owner_idx on api_key (owner_id, created_at desc);

-- Who may read and who may edit a collection: 'user:<name>' and 'group:<name>' entries. Empty
-- readers: every signed-in user; empty editors: its creator (and admins, always).
alter table collection add column creator_id bigint references app_user (id) on delete set null;
alter table collection add column readers text[] not null default '{}';
alter table collection add column editors text[] not null default '{}';

-- Document access groups (document.access_groups, V1) are copied onto the document's passages, so
-- the full-text and the vector arm filter in the scan itself and top-k holds readable passages only.
-- On a passage, '*' stands for "every reader of the collection" (a document without groups): then
-- "readable" is one overlap test, access_groups && (the caller's groups and '*'), which the GIN
-- index answers for readers and groups alike. ('*' can be no group's name.) Triggers keep the copy
-- exact: a passage takes its document's groups when written, and a change of the document's groups
-- rewrites its passages in the same transaction. The default fills existing passages without
-- rewriting the table: no document had groups before.
alter table passage add column access_groups text[] not null default '{*}';
create index document_access_idx on document using gin (access_groups);
create index passage_access_idx on passage using gin (access_groups);

create function passage_groups(document_groups text[]) returns text[] language sql immutable as $$
    select case when cardinality(document_groups) = 0 then '{*}'::text[] else document_groups end
$$;

create function passage_takes_document_access() returns trigger language plpgsql as $$
begin
    -- FOR SHARE: a concurrent change of the document's groups waits until this transaction ends and
    -- then rewrites these passages too; or this insert waits for that change and reads its groups.
    select passage_groups(d.access_groups) into new.access_groups
    from document d where d.id = new.document_id for share;
    return new;
end
$$;
create trigger passage_access_groups before insert on passage
    for each row execute function passage_takes_document_access();

create function document_access_to_passages() returns trigger language plpgsql as $$
begin
    update passage set access_groups = passage_groups(new.access_groups) where document_id = new.id;
    return null;
end
$$;
create trigger document_access_groups after update of access_groups on document
    for each row when (old.access_groups is distinct from new.access_groups)
    execute function document_access_to_passages();

-- Conversations belong to the user who started them (null: started before accounts existed, or the
-- user was deleted; nobody continues those).
alter table conversation add column owner_id bigint references app_user (id) on delete set null;
create index conversation_owner_idx on conversation (owner_id, collection_id, updated_at desc);

-- What a turn drew on: the documents of the passages it was given, and those documents' access
-- groups at the time (a JSON array of arrays, one per restricted document). A reviewer sees the turn
-- only when every one of them is readable to the reviewer, then and now.
alter table turn add column document_ids uuid[] not null default '{}';
alter table turn add column access_groups jsonb not null default '[]';
-- Turns recorded before: their documents from the passages they keep (no document had groups yet)
update turn set document_ids = array(
    select distinct cast(p ->> 'documentId' as uuid)
    from jsonb_array_elements(turn.passages) as p
    where p ->> 'documentId' is not null)
where jsonb_array_length(passages) > 0;

-- The audit log: sign-ins, account and key changes, access changes, deletions, jobs started.
create table audit_event (
    id             bigint generated always as identity primary key,
    type           text        not null,
    -- the user who acted; null for the service itself (schedules, start-up)
    actor          text,
    target         text,
    client_address text,
    at             timestamptz not null default now(),
    details        jsonb       not null default '{}'
);
create index audit_event_at_idx on audit_event (at desc, id desc);
create index audit_event_type_idx on audit_event (type, at desc);
create index audit_event_actor_idx on audit_event (actor, at desc);

-- Failed sign-ins per username ('user:<name>') and, for unknown usernames, per client address
-- ('address:<ip>'), in the window that counts; a key with too many is locked until locked_until.
create table sign_in_throttle (
    key               text        primary key,
    failures          int         not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz
);

-- HTTP sessions of the web UI, shared by every instance: Spring Session JDBC's schema for
-- PostgreSQL (org/springframework/session/jdbc/schema-postgresql.sql). Ending a user's sessions is a
-- delete by principal name.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
