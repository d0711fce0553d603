-- 督办台 schema version 4: an extension
-- (延期) keeps its approval basis (批复文号, e.g. 呼政办函〔2026〕3号) beside its reason. Never edit this file once released.
ALTER TABLE deadline_changes ADD COLUMN basis TEXT NOT NULL DEFAULT '';
