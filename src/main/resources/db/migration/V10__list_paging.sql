-- Agents' lists are read a page at a time in creation order (keyset on created_event_id), all or one status.
CREATE INDEX conversations_by_creation ON conversations (created_event_id);
CREATE INDEX conversations_by_status_creation ON conversations (status, created_event_id);
