"""Use cases shared by the command line and the window. Each takes an open `Store` and returns what it changed.

Open a database with `app.ops.session.open_store(path=None, *, readonly=False, create=True)` (checked, backed up,
migrated; a context manager: `with open_store(p) as store: …`). Environment problems raise
`app.errors.StoreError`, bad input `app.errors.UserError` (both carry a Chinese `message`); a row asked for by an id
that does not exist raises `app.store.rows.MissingRow` (a StoreError: 没有编号为 N 的任务). "Today" is always
a parameter. What the store hands out are the frozen records of app/domain/records.py (the window may import them
too); the task columns derived from progress and extensions are kept by the store, never by a use case.

changes (app/ops/changes.py)
    Changes(tasks, all_tasks, plans, units, notices, settings, files): what a use case changed, for a window
    that refreshes only that. Results carry it as `.changes` (ImportResult, IssueResult, TaskEdit,
    ProgressResult); `merged(records)` joins several. The command line ignores it.

plans (app/ops/plans.py)
    import_plan(store, path | Matrix, *, today, plan_id=None, jurisdiction=None, sha256=None) -> ImportResult
        One transaction. Same file again → action "unchanged"; a plan already stored (same title + issuer, or
        plan_id) → "revised" with .added / .removed / .reworded / .units_changed / .deadlines_changed
        (TaskChange(ref, title, before, after)); progress of tasks that remain is kept; removed tasks are
        kept with removed_on. .summary_lines() gives the Chinese report. A .json file is a matrix JSON.
    export_plan(store, plan_id) -> Matrix            (units spelled as printed; equals the extractor's JSON)
    list_plans(store) -> list[PlanSummary]           (id, title, issuer, doc_number, issued (date), jurisdiction,
                                                      source, parent_id, task_count; .to_json())
    read_matrix(path) -> (Matrix, sha256)
    set_plan_jurisdiction(store, plan_id, jurisdiction) -> previous   (re-resolves 市…/自治区… units)

due (app/ops/due.py)
    due_assignments(store, *, unit=None, within=None, today, own=False, include_done=None) -> list[DueItem]
        A unit in any spelling (full or relative, long or short form) plus the groups declared to include it;
        all units when None; own=True for 本单位. DueItem: plan_id, plan, task_id, ref, title, unit_id, unit,
        printed, role, via_group, deadline_text, due, original_due, extended, extended_to, extension_late,
        extension (how every output says a 延期: app/domain/status.py extension_note), ongoing, status, light,
        days_left, pace_gap, pace_light; .to_json().

tasks (app/ops/tasks.py) — the window's table and detail
    query_tasks(store, filters: TaskFilter, order_by="ref", descending=False, limit=200, offset=0)
        -> list[TaskRow]  (id, plan_id, plan_title, ref_label, title, lead, responsible, deadline_text, due,
                           current_due, original_due, due_effective, ongoing, status, light, percent,
                           latest_progress, removed)
    count_tasks(store, filters) -> int
        TaskFilter (app/domain/task_filter.py): text (FTS5 trigram ≥3 chars, escaped LIKE below), unit,
        own_unit, lights, statuses, due_from, due_to, plan_id, include_removed, today (required).
        order_by: ORDER_KEYS = plan, ref, title, due, light, status, lead, updated, latest_progress.
    task_detail(store, task_id, *, today) -> TaskDetail (full text, units with roles, deadline and meaning,
        original/current due, status/light/pace; progress: [ProgressRecord], extensions: [ExtensionRecord],
        notices: [TaskNotice])
    edit_task(store, task_id, changes) -> TaskEdit(task_id, before, after)
        changes keys: title, text, deadline ({"text","due","ongoing",...} | Deadline | None), lead,
        responsible, implementer (lists of printed names). Undo: edit_task(store, task_id, result.before).

progress (app/ops/progress.py)
    add_progress(store, task_id, *, on_date, content="", unit=None, status_change=None, percent=None,
                 attachment=None) -> ProgressResult(progress_id, task_id)     undo: delete_progress(store, id)
    record_extension(store, task_id, *, new_due, reason, recorded_on, basis="") -> ExtensionResult
                                                                        undo: remove_extension(store, id)
    mark_done(store, task_id, *, on_date, note="") -> ProgressResult   (办结: a task-wide 已完成 entry)
    reopen_task(store, task_id, *, on_date, reason="") -> ProgressResult (重新打开: a task-wide 推进中 entry)
                                                                        undo of both: delete_progress(store, id)

units (app/ops/units.py)
    list_units(store) -> list[UnitSummary]  (id, name, jurisdiction, is_group, is_own, task_count, spellings)
    find_units(store, name) -> list[int];  resolve_unit(store, name) -> int (UserError if none / ambiguous)
    merge_units(store, source, target) -> MergeResult;  unmerge(store, merge_result | audit_id) -> int
    declare_group_member(store, group, member, *, included=True) -> bool
    set_own_unit(store, name | None) -> previous id;  set_own_unit_id(store, id | None) -> previous id
    own_unit_id(store);  suggest_merges(store, threshold=85) -> [(UnitSummary, UnitSummary, score)]

settings (app/ops/settings.py) — declarations in app/domain/settings.py (SETTINGS)
    get_settings(store) -> dict;  get_setting(store, key);  set_setting(store, key, value) -> previous value

backup (app/ops/backup.py)
    backup(store, out=None) -> Path;  list_backups(db_path);  restore(db_path, backup_file) -> Restored (saved, numbers)

notice numbers (app/ops/notice_numbers.py) — never repeated, whatever is restored (a journal beside the database)
    numbering_transaction(store);  notice_number(store, kind, year, seq);  number_state(store)
    keep_after_restore(store, replaced_state | None) -> KeptNumbers (continues, dropped, lines())
"""
