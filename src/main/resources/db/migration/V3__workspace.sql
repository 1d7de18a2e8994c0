-- The agents' workspace: who the customer is, labels, private notes, search, and events only agents may read.

-- Whether the conversation's stream (the one its customer reads) carries an event. Notes, labels and the agents'
-- view of a conversation are for the agents' stream only.
ALTER TABLE events ADD COLUMN to_customer boolean NOT NULL DEFAULT true;

ALTER TABLE conversations
    ADD COLUMN email          text,
    ADD COLUMN locale         text,
    ADD COLUMN page           text,
    ADD COLUMN user_agent     text,
    ADD COLUMN client_address text,
    ADD COLUMN labels         text[] NOT NULL DEFAULT '{}',
    -- the terms the customer's name, email and labels are found by (SearchTerms, cut in Java so that Chinese is
    -- searchable without a dictionary), as a tsvector of those terms
    ADD COLUMN search         tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX conversations_by_label ON conversations USING gin (labels);
CREATE INDEX conversations_search ON conversations USING gin (search);
CREATE INDEX conversations_by_customer ON conversations (customer_id);
CREATE INDEX conversations_by_email ON conversations (lower(email)) WHERE email IS NOT NULL;

-- the terms a message's text is found by, as for conversations.search
ALTER TABLE messages ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX messages_search ON messages USING gin (search);

CREATE TABLE notes (
    event_id        bigint PRIMARY KEY,
    conversation_id text        NOT NULL,
    id              text        NOT NULL,
    author_id       text        NOT NULL,
    author_name     text,
    text            text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX notes_by_conversation ON notes (conversation_id, event_id);
