-- The customer's side: the rating of a resolved conversation (1 to 5 and an optional comment, once), and how to
-- answer a customer who wrote while the desk was closed.
ALTER TABLE conversations
    ADD COLUMN rating_score   integer,
    ADD COLUMN rating_comment text,
    ADD COLUMN rated_at       timestamptz,
    ADD COLUMN follow_up      text;
