-- Each event carries the inbox of its conversation, so that the agents' stream shows an agent only the events of
-- the inboxes they belong to, live and on replay. Events of no conversation (an agent's status) have none.
ALTER TABLE events ADD COLUMN inbox_id text;
UPDATE events e SET inbox_id = c.inbox_id FROM conversations c WHERE c.id = e.conversation_id;
