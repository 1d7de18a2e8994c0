-- Milestones for honest figures: when the customer last wrote (none: the conversation is empty and not counted),
-- and when the assistant resolved it without a person (kept if it is reopened later).
ALTER TABLE conversations ADD COLUMN last_customer_message_at timestamptz,
                          ADD COLUMN assistant_resolved_at timestamptz;
UPDATE conversations c SET last_customer_message_at = (SELECT max(m.sent_at) FROM messages m
                                                       WHERE m.conversation_id = c.id AND m.sender_role = 'customer');
UPDATE conversations SET assistant_resolved_at = resolved_at WHERE queued_at IS NULL AND resolved_at IS NOT NULL;
