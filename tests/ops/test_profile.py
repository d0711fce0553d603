"""The office profile (机关信息): round trip through the settings rows, audit, 本单位 from the directory, and the
header and number prefix printed on notices, bulletins and in the register."""
import json
from datetime import date

import pytest

from app.domain.matrix import Deadline, Matrix, PlanInfo, Task
from app.domain.profile import OfficeProfile
from app.errors import UserError
from app.ops.notices import issue_bulletin, issue_notice, list_register
from app.ops.plans import import_plan
from app.ops.profile import get_profile, mark_profile_asked, set_profile, should_ask_profile
from app.ops.session import open_store
from app.ops.settings import get_settings
from app.ops.units import list_units

from tests.notices import pdfcheck

D = date
TODAY = D(2026, 11, 23)


def _plan(source, place, units):
    return Matrix(source=source, plan=PlanInfo(title=f"{place}优化营商环境工作方案", issuer=f"{place}人民政府"),
                  tasks=[Task(("一", str(i + 1)), f"任务{i + 1}", [unit], [], Deadline("2026年9月底前", D(2026, 9, 30)))
                         for i, unit in enumerate(units)])


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "duban.sqlite3", backup=False) as s:
        import_plan(s, _plan("a.json", "甲县", ["甲县财政局", "甲县市场监管局"]), today=D(2026, 1, 5))
        import_plan(s, _plan("b.json", "乙县", ["乙县市场监管局"]), today=D(2026, 1, 5))
        yield s


def _audit(store, action):
    return [(json.loads(r["before"]), json.loads(r["after"]))
            for r in store.db.query("SELECT before, after FROM audit_log WHERE action = ? ORDER BY id", [action])]


def test_empty_profile_then_round_trip_and_undo(store):
    assert get_profile(store) == OfficeProfile()
    previous = set_profile(store, office="甲县人民政府督查室", header="甲县人民政府督查室", prefix="甲督办",
                           contact="张三", phone="0471-1234567", cc="县委办公室、县政府办公室", reply_days="7")
    assert previous == {"office": "", "header": "", "prefix": "", "contact": "", "phone": "", "cc": "",
                        "reply_days": 5}
    profile = get_profile(store)
    assert (profile.office, profile.prefix, profile.reply_days) == ("甲县人民政府督查室", "甲督办", 7)
    assert profile.copy_to == ("县委办公室", "县政府办公室")
    assert get_settings(store)["notice_prefix"] == "甲督办"  # the same rows the settings dialog edits
    assert _audit(store, "profile") == [(previous, {k: v for k, v in profile.to_json().items() if k in previous})]
    set_profile(store, **previous)  # what the window's undo does
    assert get_profile(store) == OfficeProfile()
    assert len(_audit(store, "profile")) == 2


def test_bad_values_change_nothing(store):
    set_profile(store, office="甲县人民政府督查室")
    with pytest.raises(UserError, match="整数"):
        set_profile(store, office="别的", reply_days="五")
    with pytest.raises(UserError, match="没有“colour”"):
        set_profile(store, colour="red")
    with pytest.raises(UserError, match="多个单位"):  # 市场监管局 of 甲县 or 乙县
        set_profile(store, office="别的", own_unit="市场监管局")
    with pytest.raises(UserError, match="没有“火星局”"):
        set_profile(store, own_unit="火星局")
    assert get_profile(store) == OfficeProfile(office="甲县人民政府督查室")
    assert len(_audit(store, "profile")) == 1


def test_own_unit_is_chosen_from_the_directory(store):
    set_profile(store, own_unit="甲县市场监管局")
    assert get_profile(store).own_unit == "甲县市场监管局"
    assert [u.name for u in list_units(store) if u.is_own] == ["甲县市场监管局"]
    previous = set_profile(store, own_unit="")
    assert previous == {"own_unit": "甲县市场监管局"}
    assert get_profile(store).own_unit == "" and not any(u.is_own for u in list_units(store))


@pytest.mark.parametrize("prefix", ["甲督办", "甲"])
def test_number_prefix_with_or_without_the_kind_word(prefix):
    profile = OfficeProfile(prefix=prefix)
    assert [profile.number_prefix(k) for k in ("督办", "催办", "通报")] == ["甲督办", "甲催办", "甲通报"]
    assert OfficeProfile().number_prefix("督办") == "督办"  # no prefix: today's numbers


def test_header_and_prefix_are_printed_and_registered(store, tmp_path):
    set_profile(store, office="甲县人民政府督查室", header="甲县人民政府督查室文件", prefix="甲督办",
                contact="张三", phone="0471-1234567")
    [supervision] = issue_notice(store, unit="甲县财政局", kind="督办", today=TODAY, out=tmp_path / "a.pdf").notices
    [reminder] = issue_notice(store, unit="甲县财政局", kind="催办", today=TODAY, out=tmp_path / "b.pdf").notices
    [bulletin] = issue_bulletin(store, plan_id=1, today=TODAY, out=tmp_path / "c.pdf").notices
    expected = {supervision: "甲督办〔2026〕1号", reminder: "甲催办〔2026〕1号", bulletin: "甲通报〔2026〕1号"}
    for notice, number in expected.items():
        assert notice.number == number
        text = pdfcheck.text(notice.path.read_bytes())
        assert number in text and "甲县人民政府督查室文件" in text and "联系人：张三" in text
    assert {e.number for e in list_register(store)} == set(expected.values())


def test_no_prefix_keeps_todays_numbers(store, tmp_path):
    [notice] = issue_notice(store, unit="甲县财政局", kind="督办", today=TODAY, out=tmp_path / "a.pdf").notices
    assert notice.number == "督办〔2026〕1号"
    assert "文件" not in pdfcheck.text(notice.path.read_bytes())


def test_first_use_question_is_asked_once(store):
    assert should_ask_profile(store)
    mark_profile_asked(store)
    assert not should_ask_profile(store)
    assert get_profile(store) == OfficeProfile()  # the flag is not part of the profile


def test_a_named_office_is_not_asked(store):
    set_profile(store, office="甲县人民政府督查室")
    assert not should_ask_profile(store)
