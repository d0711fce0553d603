-- 督办台 schema version 5: feedback forms (反馈表). Never edit this file once released.
-- A round is one form sent to one unit for one plan; a reply is one filled form read back (one file, once per
-- distinct content); a reply's rows are what the unit wrote for each task, with the progress entry it made.
CREATE TABLE feedback_rounds (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    sent_on    TEXT NOT NULL,
    reply_by   TEXT NOT NULL,
    file_name  TEXT NOT NULL DEFAULT '',
    task_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX feedback_rounds_plan ON feedback_rounds(plan_id, unit_id, sent_on);

CREATE TABLE feedback_replies (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES feedback_rounds(id) ON DELETE CASCADE,
    received_on TEXT NOT NULL,                 -- the day the form came back (the progress entries' date)
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    filled_by   TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX feedback_replies_round ON feedback_replies(round_id, received_on);

CREATE TABLE feedback_rows (
    id                  INTEGER PRIMARY KEY,
    reply_id            INTEGER NOT NULL REFERENCES feedback_replies(id) ON DELETE CASCADE,
    task_id             INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    progress_id         INTEGER REFERENCES progress(id) ON DELETE SET NULL,
    fingerprint         TEXT NOT NULL,         -- what the unit wrote, hashed: the same row again changes nothing
    status_word         TEXT,                  -- 未启动 / 推进中 / 已完成 / 申请延期 as filled
    percent             INTEGER CHECK (percent BETWEEN 0 AND 100),
    progress_text       TEXT NOT NULL DEFAULT '',
    problems            TEXT NOT NULL DEFAULT '',
    next_steps          TEXT NOT NULL DEFAULT '',
    extension_requested INTEGER NOT NULL DEFAULT 0  -- pending until the office records a 延期 on or after it
);
CREATE INDEX feedback_rows_task ON feedback_rows(task_id);
CREATE INDEX feedback_rows_reply ON feedback_rows(reply_id);
