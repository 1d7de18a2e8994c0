-- Reports: the moments of each conversation that team leads' figures measure from (chat's Milestones), written in
-- the same transaction as the events that announce them, so that a report is a set of aggregates over
-- conversations (and messages, for messages per hour) instead of a scan of the event log.
ALTER TABLE conversations
    ADD COLUMN queued_at          timestamptz,
    ADD COLUMN first_response_at  timestamptz,
    ADD COLUMN first_responder_id text,
    ADD COLUMN agent_id           text,
    ADD COLUMN resolved_at        timestamptz;

-- Conversations from before this version: recovered from what is stored. A conversation that ever waited for a
-- person has a conversation event that queued or assigned it (or was created in the queue); its first response
-- is its first agent message; a resolved one was resolved when it last changed.
UPDATE conversations c SET queued_at = (
    SELECT min(e.created_at) FROM events e
     WHERE e.conversation_id = c.id AND e.type = 'conversation'
       AND (e.data LIKE '%"change":"queued"%' OR e.data LIKE '%"change":"assigned"%'
            OR (e.data LIKE '%"change":"created"%' AND e.data NOT LIKE '%"status":"BOT"%')));
UPDATE conversations c SET (first_response_at, first_responder_id) = (
    SELECT m.sent_at, m.sender_id FROM messages m
     WHERE m.conversation_id = c.id AND m.sender_role = 'agent' ORDER BY m.event_id LIMIT 1);
UPDATE conversations SET queued_at = first_response_at WHERE queued_at IS NULL AND first_response_at IS NOT NULL;
UPDATE conversations SET agent_id = coalesce(assignee_id, first_responder_id);
UPDATE conversations SET resolved_at = updated_at WHERE status = 'RESOLVED';

CREATE INDEX conversations_by_created_at ON conversations (created_at);
CREATE INDEX messages_by_sent_at ON messages (sent_at);
