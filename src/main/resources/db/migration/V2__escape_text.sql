-- PostgreSQL text cannot hold NUL, which customers may send. From this version on, the free text columns below
-- are stored escaped (a backslash as two, NUL as backslash-zero; see PgText). Text stored before is escaped here
-- once, so it reads back unchanged.
UPDATE conversations SET customer_name = replace(customer_name, E'\\', E'\\\\'), topic = replace(topic, E'\\', E'\\\\')
    WHERE strpos(customer_name, E'\\') > 0 OR strpos(topic, E'\\') > 0;
UPDATE messages SET text = replace(text, E'\\', E'\\\\'), sender_name = replace(sender_name, E'\\', E'\\\\')
    WHERE strpos(text, E'\\') > 0 OR strpos(sender_name, E'\\') > 0;
