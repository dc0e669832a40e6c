-- Attachments and embedded files left out of a document's text, and why: [{"name", "reason"}].
alter table document add column skipped_attachments jsonb not null default '[]';
