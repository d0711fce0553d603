"""Unit directory use cases: find, merge and unmerge (audit-logged), groups, 本单位, settings, suggestions."""
from datetime import date

import pytest

from app.domain.settings import SETTINGS
from app.errors import UserError
from app.ops.due import due_assignments
from app.ops.plans import export_plan, import_plan
from app.ops.session import open_store
from app.ops.settings import get_settings, set_setting
from app.ops.units import (
    declare_group_member, find_units, list_units, merge_units, own_unit_id, resolve_unit, suggest_merges, unmerge,
)
from app.store import audit

TODAY = date(2025, 12, 1)


@pytest.fixture
def store(tmp_path, gold_dir):
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        for path in sorted(gold_dir.glob("*.json")):
            import_plan(s, path, today=TODAY)
        yield s


def _n(store, unit):
    return len(due_assignments(store, unit=unit, today=TODAY))


def test_find_in_any_spelling(store):
    hohhot = resolve_unit(store, "呼和浩特市市场监督管理局")
    assert resolve_unit(store, "呼和浩特市市场监管局") == hohhot
    assert hohhot in find_units(store, "市市场监督管理局")            # relative: every city that has one
    assert resolve_unit(store, "沧州市市场监督管理局") != hohhot
    with pytest.raises(UserError, match="多个单位"):
        resolve_unit(store, "市市场监管局")
    with pytest.raises(UserError, match="没有"):
        resolve_unit(store, "火星市气象局")


def test_merge_moves_everything_and_unmerge_restores(store):
    a, b = "内蒙古计量院", "呼和浩特市市场监督管理局"
    a_id, b_id = resolve_unit(store, a), resolve_unit(store, b)
    na, nb = _n(store, a), _n(store, b)
    plan_json = export_plan(store, 2).to_json()
    result = merge_units(store, a, b)
    assert result.moved_assignments == na
    assert resolve_unit(store, a) == b_id                          # the old spelling now finds the target
    assert _n(store, b) == na + nb
    assert a_id not in {u.id for u in list_units(store)}
    assert export_plan(store, 2).to_json() == plan_json            # printed spellings survive a merge
    assert audit.get(store.db, result.audit_id).action == "merge"
    assert unmerge(store, result) == a_id
    assert (_n(store, a), _n(store, b)) == (na, nb)
    assert resolve_unit(store, a) == a_id
    with pytest.raises(UserError, match="撤销过"):
        unmerge(store, result)


def test_group_declaration_brings_regional_tasks_to_a_unit(store):
    member = "呼和浩特市市场监督管理局"
    before = due_assignments(store, unit=member, today=TODAY)
    assert declare_group_member(store, "各市人民政府", member) is True
    assert declare_group_member(store, "各市人民政府", member) is False   # already declared
    after = due_assignments(store, unit=member, today=TODAY)
    via = [i for i in after if i.via_group]
    assert len(after) == len(before) + len(via) and via
    assert {i.unit for i in via} == {"各市人民政府"}
    assert {i.plan for i in via} == {"内蒙古自治区贯彻落实《计量发展规划（2021—2035年）》实施方案"}
    declare_group_member(store, "各市人民政府", member, included=False)
    assert len(due_assignments(store, unit=member, today=TODAY)) == len(before)


def test_own_unit_setting(store):
    assert own_unit_id(store) is None
    with pytest.raises(UserError, match="本单位"):
        due_assignments(store, own=True, today=TODAY)
    previous = set_setting(store, "own_unit", "呼和浩特市市场监管局")
    assert previous == ""
    assert get_settings(store)["own_unit"] == "呼和浩特市市场监督管理局"   # stored in its canonical name
    assert len(due_assignments(store, own=True, today=TODAY)) == 17
    assert [u.name for u in list_units(store) if u.is_own] == ["呼和浩特市市场监督管理局"]
    set_setting(store, "own_unit", previous)
    assert own_unit_id(store) is None


def test_settings_declared_and_typed(store):
    values = get_settings(store)
    assert set(values) == {s.key for s in SETTINGS} and values["yellow_days"] == 30
    assert all(s.label and not s.label.isascii() for s in SETTINGS)
    assert set_setting(store, "yellow_days", "45") == 30
    assert get_settings(store)["yellow_days"] == 45
    with pytest.raises(UserError, match="整数"):
        set_setting(store, "yellow_days", "三十")
    with pytest.raises(UserError, match="没有名为"):
        set_setting(store, "colour", "red")
    # yellow_days drives the lights: 31 days ahead is yellow with 45
    items = due_assignments(store, unit="呼和浩特市市场监督管理局", today=date(2025, 11, 30))
    assert {i.light for i in items if i.due} == {"yellow"}


def test_suggestions_pair_alike_names(store):
    pairs = {(a.name, b.name) for a, b, _ in suggest_merges(store, threshold=90)}
    assert ("各有关部门和单位", "有关部门和单位") in pairs
    assert not any("财政" in a for a, _ in pairs)  # 财政厅 of two regions are two units


def test_merging_a_unit_that_does_not_exist_changes_nothing(store):
    target = resolve_unit(store, "呼和浩特市市场监督管理局")
    missing = max(u.id for u in list_units(store)) + 1000

    def state():
        return (_n(store, "呼和浩特市市场监督管理局"), [(u.id, u.name) for u in list_units(store)],
                store.db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0])

    before = state()
    with pytest.raises(UserError, match="不存在"):
        merge_units(store, missing, target)
    assert state() == before
