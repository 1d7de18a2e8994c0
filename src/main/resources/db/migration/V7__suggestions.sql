-- The assistant's replies that were not sure carry the topics they offered (JSON, like attachments).
ALTER TABLE messages ADD COLUMN suggestions text;
