-- Private notes are found by the agents' search like messages: their terms (SearchTerms, built by the application)
-- in a tsvector with a GIN index. Notes written before this migration have no terms and are not found.
ALTER TABLE notes ADD COLUMN search tsvector;
CREATE INDEX notes_search ON notes USING gin (search);
