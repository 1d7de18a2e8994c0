-- The customer's rating of a resolved conversation: 1 to 5 and an optional comment, once.
ALTER TABLE conversations
    ADD COLUMN rating_score   integer,
    ADD COLUMN rating_comment text,
    ADD COLUMN rated_at       timestamptz;
