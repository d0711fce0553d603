-- 督办台 schema version 1. Never edit this file once released: add db/0002_….sql instead.
-- Dates are ISO text (YYYY-MM-DD), timestamps ISO text with seconds, lists JSON text.

CREATE TABLE plans (
    id                   INTEGER PRIMARY KEY,
    title                TEXT,
    issuer               TEXT,
    doc_number           TEXT,
    issued               TEXT,
    parent_title         TEXT,                 -- the higher-level plan it implements, as printed
    parent_id            INTEGER REFERENCES plans(id) ON DELETE SET NULL,
    first_listed_is_lead INTEGER NOT NULL DEFAULT 0,
    jurisdiction         TEXT NOT NULL DEFAULT '',  -- 呼和浩特市, 内蒙古自治区, '' for national plans
    source               TEXT NOT NULL,        -- the file name the plan was read from
    source_sha256        TEXT,
    imported_at          TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX plans_source ON plans(source);
CREATE INDEX plans_title ON plans(title);

CREATE TABLE units (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,                -- canonical name, in full: 呼和浩特市市场监督管理局
    jurisdiction TEXT NOT NULL DEFAULT '',
    key          TEXT NOT NULL UNIQUE,         -- normalised identity: jurisdiction|equivalence-folded rest
    is_group     INTEGER NOT NULL DEFAULT 0,   -- collective entries: 各市人民政府, 有关部门和单位
    is_own       INTEGER NOT NULL DEFAULT 0,   -- 本单位
    merged_into  INTEGER REFERENCES units(id), -- set when merged away (reversible through the audit log)
    created_at   TEXT NOT NULL
);
CREATE INDEX units_name ON units(name);

CREATE TABLE unit_aliases (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    alias        TEXT NOT NULL,                -- a spelling: 市市场监管局 (relative) or 沧州市市场监管局 (full)
    jurisdiction TEXT NOT NULL DEFAULT '',     -- where a relative spelling means this unit
    UNIQUE (alias, jurisdiction)
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);

CREATE TABLE unit_groups (
    group_id  INTEGER NOT NULL REFERENCES units(id),
    member_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX unit_groups_member ON unit_groups(member_id);

CREATE TABLE standing_units (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    unit_id  INTEGER NOT NULL REFERENCES units(id),
    printed  TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('lead', 'responsible', 'implementer')),
    from_ref TEXT NOT NULL                     -- JSON list of labels
);
CREATE INDEX standing_units_plan ON standing_units(plan_id);

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,            -- order in the plan
    ref           TEXT NOT NULL,               -- JSON list of labels: ["三","（一）"]
    ref_label     TEXT NOT NULL,               -- 三（一）
    title         TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    deadline_text TEXT,                        -- NULL: the plan gives no deadline
    due           TEXT,                        -- the last day the plan's deadline allows (原定时限 as printed)
    current_due   TEXT,                        -- the deadline now in force (after extensions, 延期)
    due_effective TEXT,                        -- the date the task is judged against (app/domain/status.py)
    ongoing       INTEGER NOT NULL DEFAULT 0,
    start         TEXT,
    recurrence    TEXT,                        -- yearly:MM-DD, quarterly, semiannual, monthly
    milestones    TEXT,                        -- JSON list of ISO dates
    started_on    TEXT,                        -- first progress entry
    done_on       TEXT,                        -- reported complete (已完成), NULL when open
    percent       INTEGER,                     -- latest reported completion share
    removed_on    TEXT,                        -- dropped by a revised plan: kept, with its progress
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX tasks_plan ON tasks(plan_id, position);
CREATE INDEX tasks_due ON tasks(due_effective);

-- Full-text search over titles and text; the trigram tokenizer works for Chinese (queries of 3+ characters).
CREATE VIRTUAL TABLE tasks_fts USING fts5(
    title, text, content='tasks', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
    INSERT INTO tasks_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER tasks_fts_update AFTER UPDATE OF title, text ON tasks BEGIN
    INSERT INTO tasks_fts(tasks_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO tasks_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE assignments (
    id       INTEGER PRIMARY KEY,
    task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL REFERENCES units(id),
    role     TEXT NOT NULL CHECK (role IN ('lead', 'responsible', 'implementer')),
    position INTEGER NOT NULL,                 -- order within the role's list as printed
    printed  TEXT NOT NULL,                    -- the spelling the plan printed (export gives it back)
    standing INTEGER NOT NULL DEFAULT 0        -- 1: from the plan's standing units, not printed in the task
);
-- "tasks of unit X due …": unit first, then the task (whose due date is indexed).
CREATE INDEX assignments_unit ON assignments(unit_id, task_id);
CREATE INDEX assignments_task ON assignments(task_id, role, position);

CREATE TABLE progress (
    id            INTEGER PRIMARY KEY,
    task_id       INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id       INTEGER REFERENCES units(id),
    on_date       TEXT NOT NULL,
    content       TEXT NOT NULL DEFAULT '',
    status_change TEXT CHECK (status_change IN ('未启动', '推进中', '已完成')),
    percent       INTEGER CHECK (percent BETWEEN 0 AND 100),
    attachment    TEXT,
    recorded_at   TEXT NOT NULL
);
CREATE INDEX progress_task ON progress(task_id, on_date);

-- 延期: an extension is an entry of its own; the task keeps its original date (原定时限).
CREATE TABLE deadline_changes (
    id           INTEGER PRIMARY KEY,
    task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    original_due TEXT,
    new_due      TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    recorded_on  TEXT NOT NULL
);
CREATE INDEX deadline_changes_task ON deadline_changes(task_id, recorded_on);

CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,        -- 市监督〔2026〕12号
    kind          TEXT NOT NULL,               -- 督办, 催办, 通报
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    unit_id       INTEGER REFERENCES units(id),
    plan_id       INTEGER REFERENCES plans(id),
    issued_on     TEXT NOT NULL,
    reply_by      TEXT,
    style         TEXT,                        -- form / letter
    file_path     TEXT,
    voided        INTEGER NOT NULL DEFAULT 0,
    voided_reason TEXT,
    params        TEXT NOT NULL DEFAULT '{}',  -- JSON: all that is needed to re-create the PDF
    created_at    TEXT NOT NULL,
    UNIQUE (kind, year, seq)
);
CREATE INDEX notices_unit ON notices(unit_id, issued_on);

CREATE TABLE notice_tasks (
    notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
    task_id   INTEGER NOT NULL REFERENCES tasks(id),
    PRIMARY KEY (notice_id, task_id)
);
CREATE INDEX notice_tasks_task ON notice_tasks(task_id);

CREATE TABLE notice_sequences (
    kind     TEXT NOT NULL,
    year     INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, year)
);

-- The office's own holiday table (休 / 班), for years chinese-calendar does not know or local make-up days.
CREATE TABLE holidays (
    day        TEXT PRIMARY KEY,
    is_workday INTEGER NOT NULL DEFAULT 0,
    name       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT                                 -- JSON
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,                   -- import, reimport, merge, unmerge, edit_task, progress, …
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,                            -- JSON
    after     TEXT                             -- JSON
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
