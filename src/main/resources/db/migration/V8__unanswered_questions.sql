-- What customers asked that the assistant could not answer (issue 14's gaps list), newest first by asked_at.
CREATE TABLE unanswered_questions (
    id              bigserial PRIMARY KEY,
    conversation_id text        NOT NULL,
    lang            text        NOT NULL,
    text            text        NOT NULL,
    handed_off      boolean     NOT NULL,
    asked_at        timestamptz NOT NULL
);
CREATE INDEX unanswered_questions_by_time ON unanswered_questions (asked_at);
