-- API keys may have the metrics scope: scraping /actuator/prometheus and nothing else.
alter table api_key drop constraint api_key_scopes_check;
alter table api_key add constraint api_key_scopes_check
    check (cardinality(scopes) > 0
           and scopes <@ array['read', 'ask', 'write', 'admin', 'metrics']::text[]);
