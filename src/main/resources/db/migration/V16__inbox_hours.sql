-- An inbox's own business hours; none means the configured ones (livedesk.hours.*).
ALTER TABLE inboxes ADD COLUMN hours_timezone text;
ALTER TABLE inboxes ADD COLUMN hours_weekly text;
