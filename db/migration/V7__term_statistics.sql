-- Exact full-text statistics per collection and index generation, kept by the database itself, so
-- that keyword ranking never depends on when PostgreSQL last analyzed the passage table, nor on what
-- other collections the table holds.

-- Each passage's full-text vector is built with its own text-search configuration (the language of
-- its document; 'simple' when no stemmer fits). Every existing passage was built with 'english'.
alter table passage add column text_config regconfig not null default 'english';
alter table passage drop column tsv;
alter table passage add column tsv tsvector generated always as (
    setweight(to_tsvector(text_config, heading), 'A') || to_tsvector(text_config, text)
) stored;
create index passage_tsv_idx on passage using gin (tsv);

-- BM25's document frequencies: how many passages of a collection's generation, in one text-search
-- configuration and marked with one set of access groups, hold a lexeme. The access groups are part
-- of the key so that a caller's statistics count only passages the caller may read.
--
-- Rows are changes, not totals: triggers on passage append one row per key for every statement that
-- adds, removes or re-groups passages, and never update a row, so ingestion workers writing the same
-- collection never wait on each other's locks (an upsert of common words would make every writer
-- queue behind the others, and could deadlock). A figure is the sum of its rows, exact as soon as
-- the writing transaction commits. TermStatistics folds a key's rows into one (folded) in the
-- background, which keeps the sums short; folding never changes a sum.
create table passage_term (
    collection_id bigint    not null,
    generation_id int       not null,
    text_config   regconfig not null,
    access_groups text[]    not null,
    lexeme        text      not null,
    passages      int       not null,
    folded        boolean   not null default false
);
create index passage_term_lookup on passage_term (lexeme, collection_id, generation_id);
create index passage_term_unfolded on passage_term (collection_id, generation_id) where not folded;

-- Passages and their total length (lexemes per passage, as BM25 measures it) per collection,
-- generation, text-search configuration and set of access groups: BM25's N and average length, and
-- how many passages a caller may read. Changes folded like passage_term.
create table passage_volume (
    collection_id bigint    not null,
    generation_id int       not null,
    text_config   regconfig not null,
    access_groups text[]    not null,
    passages      bigint    not null,
    lexemes       bigint    not null,
    folded        boolean   not null default false
);
create index passage_volume_lookup on passage_volume (collection_id, generation_id);
create index passage_volume_unfolded on passage_volume (collection_id, generation_id)
    where not folded;

-- Inserted passages count +1, deleted ones -1: both triggers name their transition table "changed".
create function passage_statistics_changed() returns trigger language plpgsql as $$
declare
    sign int := case tg_op when 'INSERT' then 1 else -1 end;
begin
    insert into passage_term (collection_id, generation_id, text_config, access_groups, lexeme,
                              passages)
    select c.collection_id, c.generation_id, c.text_config, c.access_groups, l.lexeme,
           sign * count(*)
    from changed c cross join lateral unnest(tsvector_to_array(c.tsv)) as l(lexeme)
    group by 1, 2, 3, 4, 5;
    insert into passage_volume (collection_id, generation_id, text_config, access_groups, passages,
                                lexemes)
    select collection_id, generation_id, text_config, access_groups, sign * count(*),
           sign * sum(length(tsv))
    from changed
    group by 1, 2, 3, 4;
    return null;
end
$$;

-- An update moves a passage's statistics only when what they are keyed or counted by changed (its
-- access groups, mostly); the rows of both sides are paired by id.
create function passage_statistics_updated() returns trigger language plpgsql as $$
begin
    with moved as (
        select o.collection_id, o.generation_id, o.text_config, o.access_groups, o.tsv, -1 as sign
        from before_update o join after_update n using (id)
        where (o.collection_id, o.generation_id, o.text_config, o.access_groups, o.tsv)
              is distinct from (n.collection_id, n.generation_id, n.text_config, n.access_groups,
                                n.tsv)
        union all
        select n.collection_id, n.generation_id, n.text_config, n.access_groups, n.tsv, 1
        from before_update o join after_update n using (id)
        where (o.collection_id, o.generation_id, o.text_config, o.access_groups, o.tsv)
              is distinct from (n.collection_id, n.generation_id, n.text_config, n.access_groups,
                                n.tsv)
    ),
    terms as (
        insert into passage_term (collection_id, generation_id, text_config, access_groups, lexeme,
                                  passages)
        select m.collection_id, m.generation_id, m.text_config, m.access_groups, l.lexeme,
               sum(m.sign)
        from moved m cross join lateral unnest(tsvector_to_array(m.tsv)) as l(lexeme)
        group by 1, 2, 3, 4, 5
        having sum(m.sign) <> 0
    )
    insert into passage_volume (collection_id, generation_id, text_config, access_groups, passages,
                                lexemes)
    select collection_id, generation_id, text_config, access_groups, sum(sign),
           sum(sign * length(tsv))
    from moved
    group by 1, 2, 3, 4
    having sum(sign) <> 0;
    return null;
end
$$;

create trigger passage_statistics_insert after insert on passage
    referencing new table as changed
    for each statement execute function passage_statistics_changed();
create trigger passage_statistics_delete after delete on passage
    referencing old table as changed
    for each statement execute function passage_statistics_changed();
create trigger passage_statistics_update after update on passage
    referencing old table as before_update new table as after_update
    for each statement execute function passage_statistics_updated();

-- The passages already indexed, counted once.
insert into passage_term (collection_id, generation_id, text_config, access_groups, lexeme, passages,
                          folded)
select p.collection_id, p.generation_id, p.text_config, p.access_groups, l.lexeme, count(*), true
from passage p cross join lateral unnest(tsvector_to_array(p.tsv)) as l(lexeme)
group by 1, 2, 3, 4, 5;
insert into passage_volume (collection_id, generation_id, text_config, access_groups, passages,
                            lexemes, folded)
select collection_id, generation_id, text_config, access_groups, count(*), sum(length(tsv)), true
from passage
group by 1, 2, 3, 4;
