-- 督办台 schema version 3: each database's identity. Never edit this file once released.
-- A random value made once, when the database is created or upgraded to this version; backups carry it and a
-- restore brings it back. The journal of notice numbers kept beside the database (app/store/number_journal.py)
-- files each number under it, so that two databases in one folder keep separate sequences while a database and
-- its own backups share one.
CREATE TABLE database_identity (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    identity TEXT NOT NULL
);
INSERT INTO database_identity (id, identity) VALUES (1, lower(hex(randomblob(16))));
