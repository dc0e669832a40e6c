-- Agents rate answers (helpful or not, with an optional comment); admins review the unhelpful ones.
alter table turn add column rating smallint check (rating in (-1, 1));
alter table turn add column rating_comment text;
alter table turn add column rated_at timestamptz;
create index turn_rated_down_idx on turn (rated_at desc) where rating = -1;
