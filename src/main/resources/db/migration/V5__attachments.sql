-- Files customers and agents send: kept in the database, so every replica serves every file. An attachment no
-- message claimed (message_id null) is deleted after livedesk.attachments.orphan-ttl.
CREATE TABLE attachments (
    id              text PRIMARY KEY,
    conversation_id text        NOT NULL,
    name            text        NOT NULL,
    content_type    text        NOT NULL,
    size            bigint      NOT NULL,
    content         bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    message_id      text
);
CREATE INDEX attachments_unused ON attachments (created_at) WHERE message_id IS NULL;

-- The attachments a message carries, as the JSON array of references its events carry.
ALTER TABLE messages ADD COLUMN attachments text;
