-- Questions posted from the agents' page whose answer stream is not open yet: the browser's
-- EventSource can only GET, so the page posts the question and then opens the stream for its id,
-- maybe on another instance behind the load balancer. Each is taken once, by the user who posted
-- it, within a minute; the question is checked again (access, model) when its stream opens.
create table pending_question (
    id              uuid        primary key,
    user_id         bigint      not null references app_user (id) on delete cascade,
    question        text        not null,
    collection      text        not null,
    conversation_id uuid,
    model           text,
    posted_at       timestamptz not null default now()
);
create index pending_question_posted_at on pending_question (posted_at);
