-- LiveDesk's PostgreSQL store. Event ids come from one sequence and are taken only under a transaction-level
-- advisory lock held until commit, so events commit in id order and a reader that sees event n sees every
-- earlier one.

CREATE SEQUENCE event_ids;

CREATE TABLE conversations (
    id                  text PRIMARY KEY,
    customer_id         text        NOT NULL,
    customer_name       text,
    topic               text,
    status              text        NOT NULL,
    assignee_id         text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    bot_misses          integer     NOT NULL DEFAULT 0,
    customer_read_up_to bigint      NOT NULL DEFAULT 0,
    agent_read_up_to    bigint      NOT NULL DEFAULT 0,
    -- the id of the conversation's first event: the order conversations are listed in
    created_event_id    bigint      NOT NULL
);
CREATE INDEX conversations_by_status ON conversations (status, assignee_id);

-- The log behind every stream. No foreign key to conversations: a writer holds the conversation's row lock
-- while it waits for the event lock, and a key check from another writer would wait on that row lock.
CREATE TABLE events (
    id              bigint PRIMARY KEY,
    type            text        NOT NULL,
    conversation_id text,
    data            text        NOT NULL,
    to_agents       boolean     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_by_conversation ON events (conversation_id, id) WHERE conversation_id IS NOT NULL;
CREATE INDEX events_for_agents ON events (id) WHERE to_agents;

CREATE TABLE messages (
    event_id          bigint PRIMARY KEY,
    conversation_id   text        NOT NULL,
    id                text        NOT NULL,
    sender_role       text        NOT NULL,
    sender_id         text        NOT NULL,
    sender_name       text,
    text              text        NOT NULL,
    sent_at           timestamptz NOT NULL,
    client_message_id text
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, event_id);
CREATE UNIQUE INDEX messages_by_client_id ON messages (conversation_id, client_message_id)
    WHERE client_message_id IS NOT NULL;

CREATE TABLE agents (
    agent_id       text PRIMARY KEY,
    status         text        NOT NULL,
    restore_status text,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Agents-stream connections per replica. A replica refreshes seen_at of its rows every third of the lease; rows of
-- a replica that stopped doing so no longer count.
CREATE TABLE agent_connections (
    replica_id  text        NOT NULL,
    agent_id    text        NOT NULL,
    connections integer     NOT NULL,
    changed_at  timestamptz NOT NULL,
    seen_at     timestamptz NOT NULL,
    PRIMARY KEY (replica_id, agent_id)
);
CREATE INDEX agent_connections_by_agent ON agent_connections (agent_id);
