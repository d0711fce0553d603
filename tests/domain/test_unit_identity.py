"""Unit identity: jurisdictions, relative prefixes, long/short forms, groups, suggestions.

Names here are made up or generic on purpose: the rules must hold for any city's plan.
"""
import pytest

from app.domain.units import (
    identify, is_collective, level_of, normalise, plan_jurisdiction, query_keys, suggest_duplicates,
)


@pytest.mark.parametrize("issuer,title,expected", [
    ("嘉兴市人民政府", "关于印发某某方案的通知", "嘉兴市"),
    ("四川省人民政府办公厅", None, "四川省"),
    ("广西壮族自治区人民政府", None, "广西壮族自治区"),
    (None, "宁夏回族自治区贯彻落实《某某规划》实施方案", "宁夏回族自治区"),
    (None, "德州市关于推进某某工作的实施意见", "德州市"),
    ("国务院", "某某发展规划（2021—2035年）", ""),
    (None, "关于贯彻落实《某某规划》的实施方案", ""),
    ("延边朝鲜族自治州人民政府", None, "延边朝鲜族自治州"),
    ("锡林郭勒盟行政公署", None, "锡林郭勒盟"),
])
def test_plan_jurisdiction(issuer, title, expected):
    assert plan_jurisdiction(issuer, title) == expected


def test_levels():
    assert level_of("嘉兴市") == "市" and level_of("广西壮族自治区") == "自治区" and level_of("") is None


def test_relative_prefix_resolves_against_the_plan():
    unit = identify("市市场监管局", "嘉兴市")
    assert (unit.name, unit.jurisdiction) == ("嘉兴市市场监管局", "嘉兴市")
    assert identify("市市场监督管理局", "嘉兴市").key == unit.key          # long and short form: one unit
    assert identify("市市场监管局", "德州市").key != unit.key              # another city: another bureau
    assert identify("嘉兴市市场监督管理局", "浙江省", ["嘉兴市"]).key == unit.key  # full name meets relative


def test_equivalences_apply_at_any_level():
    assert identify("省人社厅", "四川省").key == identify("省人力资源和社会保障厅", "四川省").key
    assert identify("县发展改革委", "某某县").key == identify("县发展和改革委员会", "某某县").key
    assert identify("区卫生健康委", "某某区").key == identify("区卫生健康委员会", "某某区").key
    assert identify("市工信局", "嘉兴市").key == identify("市工业和信息化局", "嘉兴市").key


def test_names_with_their_own_level_are_untouched():
    assert identify("浙江大学", "嘉兴市").name == "浙江大学"
    assert identify("市场监管总局", "").name == "市场监管总局"          # 市场 is not the prefix 市
    assert identify("市场监管总局", "嘉兴市").name == "市场监管总局"


def test_a_level_the_plan_cannot_resolve_is_kept_as_printed():
    unit = identify("自治区科技厅", "某某市")
    assert unit.name == "自治区科技厅" and unit.jurisdiction == ""
    assert unit.key != identify("自治区科技厅", "另一市").key


def test_collective_entries_are_groups_scoped_to_the_plan():
    for name in ("各市人民政府", "各县（市、区）政府", "有关部门和单位", "市直有关单位", "联席会议成员单位"):
        assert is_collective(name), name
    assert not is_collective("市财政局")
    assert identify("各县区政府", "嘉兴市").key == identify("各县区人民政府", "嘉兴市").key
    assert identify("各县区政府", "嘉兴市").key != identify("各县区政府", "德州市").key


def test_traditional_and_half_width_spellings_normalise():
    assert normalise("市發展和改革委員會") == "市发展和改革委员会"
    assert normalise("各县(市、区) 政府") == "各县（市、区）政府"


def test_query_keys_for_full_and_relative_spellings():
    known = ["嘉兴市", "德州市", "四川省"]
    jx = identify("市市场监管局", "嘉兴市").key
    assert query_keys("嘉兴市市场监督管理局", known) == [jx]
    relative = query_keys("市市场监管局", known)
    assert jx in relative and identify("市市场监管局", "德州市").key in relative
    assert identify("省市场监管局", "四川省").key not in relative


def test_suggestions_find_near_duplicates():
    units = [(1, "嘉兴市人社局", "嘉兴市"), (2, "嘉兴市人力资源和社会保障局", "嘉兴市"), (3, "嘉兴市财政局", "嘉兴市"),
             (4, "德州市财政局", "德州市"), (5, "某某计量院", "嘉兴市"), (6, "某某计量院", "德州市"),
             (7, "嘉兴市民政局", "嘉兴市")]
    pairs = {p[:2]: p[2] for p in suggest_duplicates(units, threshold=80)}
    assert pairs == {(1, 2): 100, (5, 6): 100}
