"""Backups rotate by age (app/store/retention.py): every backup of the last hour, one a day for 30 days, one a month."""
import sqlite3
from datetime import datetime, timedelta

from app.store.connection import Store, list_backups
from app.store.retention import backups_to_keep

NOW = datetime(2026, 12, 2, 15, 30)


def test_busy_command_line_use_keeps_every_backup_of_the_last_hour():
    every_two_minutes = [NOW - timedelta(minutes=2 * i) for i in range(30)]  # 60 minutes: 30 backups
    assert backups_to_keep(every_two_minutes, NOW) == set(every_two_minutes)
    older = NOW - timedelta(minutes=61)
    assert older in backups_to_keep([*every_two_minutes, older], NOW)  # the newest beyond the hour stays: today's


def test_one_a_day_for_thirty_days_then_one_a_month():
    hourly_for_a_year = [NOW - timedelta(hours=h) for h in range(24 * 365)]
    kept = backups_to_keep(hourly_for_a_year, NOW)
    recent = {s for s in kept if NOW - s <= timedelta(hours=1)}
    daily = {s for s in kept if timedelta(hours=1) < NOW - s <= timedelta(days=30)}
    monthly = kept - recent - daily
    assert recent == {NOW, NOW - timedelta(hours=1)}
    assert len({s.date() for s in daily}) == len(daily) == 31  # today (beyond the hour) and the 30 days before
    assert all(s.hour == 23 for s in daily if s.date() != NOW.date())  # each day's newest: its last state
    assert len({(s.year, s.month) for s in monthly}) == len(monthly) == 12
    assert len(kept) == 45


def test_a_backup_from_the_future_is_kept_and_nothing_is_dropped_twice():
    future = NOW + timedelta(days=2)  # the clock was set back since
    same_day = [NOW - timedelta(days=3, hours=h) for h in (1, 2, 3)]
    kept = backups_to_keep([future, *same_day, *same_day], NOW)
    assert kept == {future, same_day[0]}
    assert backups_to_keep([], NOW) == set()


def test_store_rotation_follows_the_age_rule(tmp_path):
    db_path = tmp_path / "duban.sqlite3"
    Store.open(db_path).close()
    stamps = [NOW - timedelta(minutes=5 * i) for i in range(1, 21)] + [NOW - timedelta(days=d) for d in (2, 3, 40)]
    with Store.open(db_path, backup=False) as store:
        for stamp in sorted(stamps):  # each rotation judges by its own time, as on a real busy day
            store.backup_rotating(now=stamp)
        store.db.execute("INSERT INTO holidays (day, name) VALUES ('2030-01-01', 'x')")
        newest = store.backup_rotating(now=NOW)
    # at NOW: the 12 backups of the last hour, the newest of today's older ones, one for each older day or month
    expected = [NOW - timedelta(minutes=5 * i) for i in range(1, 14)] + [NOW - timedelta(days=d) for d in (2, 3, 40)]
    assert [p.name for p in list_backups(db_path)] == [newest.name] + [
        f"duban-{s.strftime('%Y%m%d-%H%M%S-%f')}.sqlite3" for s in expected]
    with sqlite3.connect(newest) as conn:
        assert conn.execute("SELECT count(*) FROM holidays").fetchone()[0] == 1


def test_rotation_leaves_another_databases_backups_alone(tmp_path):
    """duban.sqlite3 and duban-2.sqlite3 share one backups folder: rotating one never deletes the other's."""
    first, second = tmp_path / "duban.sqlite3", tmp_path / "duban-2.sqlite3"
    for path in (first, second):
        Store.open(path).close()
    with Store.open(second, backup=False) as store:
        old = store.backup_rotating(now=NOW - timedelta(days=100))
    with Store.open(first, backup=False) as store:
        for days in (101, 102, 103):
            store.backup_rotating(now=NOW - timedelta(days=days))  # the same month: only the newest of them stays
        store.backup_rotating(now=NOW)
    assert old.exists() and list_backups(second) == [old]
    assert len(list_backups(first)) == 2
