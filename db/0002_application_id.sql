-- 督办台 schema version 2: mark the file as 督办台's own. Never edit this file once released.
-- PRAGMA application_id writes the number into the database header (offset 68), where the program reads it
-- before opening a file: a SQLite file of any other program has another id (or 0 and none of these tables) and
-- is refused without a byte written. 0x44554241 is "DUBA" in ASCII; app/store/connection.py APPLICATION_ID.
PRAGMA application_id = 1146438209;
