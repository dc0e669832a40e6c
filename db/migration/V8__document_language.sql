-- A document's language (ISO 639-1), detected from its text when it is indexed unless the uploader
-- or its folder source chose it; its passages are indexed with the language's text-search
-- configuration (passage.text_config).
alter table document
    add column language text,
    add column language_chosen boolean not null default false;
