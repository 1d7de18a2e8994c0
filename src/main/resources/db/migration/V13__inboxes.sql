-- Inboxes (a website or brand) and the agents who belong to each; every conversation belongs to one.
CREATE TABLE inboxes (
    id                    text PRIMARY KEY,
    name                  text NOT NULL,
    website_token         text NOT NULL UNIQUE,
    identity_secret       text NOT NULL,
    allowed_origins       text NOT NULL,
    identity_verification boolean NOT NULL,
    greeting_en           text,
    greeting_zh           text,
    color                 text,
    created_at            timestamptz NOT NULL
);

CREATE TABLE inbox_members (
    inbox_id text NOT NULL REFERENCES inboxes (id),
    agent_id text NOT NULL,
    PRIMARY KEY (inbox_id, agent_id)
);
CREATE INDEX inbox_members_agent ON inbox_members (agent_id);

-- Conversations from before inboxes belong to the default inbox, which configuration defines.
ALTER TABLE conversations ADD COLUMN inbox_id text NOT NULL DEFAULT 'default';
