-- The identity a website gave its customer (setUser), and whether it proved it with the inbox's identity secret.
ALTER TABLE conversations ADD COLUMN customer_identifier text;
ALTER TABLE conversations ADD COLUMN customer_verified boolean NOT NULL DEFAULT false;
