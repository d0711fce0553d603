"""Unit lists as printed in responsibility notes → unit names.

A list is split at `、` and `，` outside brackets. A `，` also ends a *run*: a level prefix written once
("自治区市场监管局、科技厅") distributes over the units of its run that are departments of that
government, but not over a unit that names its own level or is not such a department (an institute,
a company, a central body stationed in the region, a collective such as 各旗县区政府). A shared head
("各盟行政公署、市人民政府") or a shared tail ("渤海新区、开发区、高新区管委会") distributes as well.
Vague tails ("等有关部门和单位") are dropped; a collective that is a whole item ("各有关部门和单位") stays.
"""
from __future__ import annotations

import re

from app.domain.units import fold_brackets, relative_prefix

# Province-level places and the words of central bodies: a unit starting with one names its own level.
PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
    "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾",
)
_CENTRAL = ("中国", "中华", "国家", "国务院", "中央", "中共", "全国", "国网", "国铁", "民航", "人民银行", "武警", "解放军")
# Bodies that are not departments of a government even when listed among them.
_OWN_LEVEL_SUFFIXES = (
    "大学", "学院", "学校", "公司", "集团", "银行", "支行", "分行", "研究院", "医院", "管委会", "管理委员会",
    "海关", "边检站", "海事局",
)
# Names that say their own level inside (团市委, 团县委) or name a place (城关镇人民政府, 越秀区, 北湖街道办事处).
_OWN_LEVEL_NAME = re.compile(
    r"^团[省市区县州旗]委|^[\u4e00-\u9fff]{2,5}?(?:区|县|市|镇|乡|街道|旗|州|盟)"
    r"(?:人民政府|政府|办事处|党委|党工委|管委会)?$"
)
# Kinds of area a shared 各 (各区、县级市) or a shared tail (东岸、西岸街道办事处) runs over.
_AREA_KINDS = (
    "区", "县", "市", "州", "盟", "旗", "乡", "镇", "村", "乡镇", "街道", "社区", "县级市", "县（市）", "县（市、区）",
    "县（区）", "开发区", "园区", "功能区", "高新区", "新区", "片区", "村（社区）", "镇（街道）", "乡（镇）",
)
_PARTY_HEAD = re.compile(r"^(?:自治区|省|市|县|区|州|盟|旗)委")
_COLLECTIVE_AREA = re.compile(r"^(各有关|各相关|各)(.+)$")
COLLECTIVE_HEADS = ("各", "有关", "相关", "其他", "其它", "全体")
# A body that governs an area, for shared heads and tails.
_GOVERNMENT_TAILS = ("人民政府", "政府", "行政公署", "管委会", "管理委员会", "党委", "人大常委会")
_AREA_END = ("区", "县", "市", "旗", "州", "盟", "镇", "乡", "新区", "开发区", "高新区", "园区")
# What a vague tail looks like after 等: 等, 等有关部门和单位, 等部门单位, 等相关单位…
_VAGUE_TAIL = re.compile(r"等(?:(?:各|有关|相关|其他)?(?:部门|单位|机构|方面|地区|企业)[和及、]?)*$")
_JOINED = re.compile(r"等和|等及|(?<=.)(?:以及|和|及)(?=各|有关|相关)")
_OPEN = "（(〈<〔[【《"
_CLOSE = "）)〉>〕]】》"


def split_top_level(text: str, separators: str) -> list[str]:
    """Split at any of `separators` that is not inside brackets; pieces are stripped, empty ones dropped."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def names_own_level(name: str, places: tuple[str, ...] = ()) -> bool:
    """A unit that names its own level, is a collective, or is not a department of the government."""
    if relative_prefix(name):
        return True
    if name.startswith(COLLECTIVE_HEADS) or name.startswith(PROVINCES) or name.startswith(_CENTRAL):
        return True
    if places and any(place in name for place in places):
        return True
    return name.endswith(_OWN_LEVEL_SUFFIXES) or bool(_OWN_LEVEL_NAME.match(name))


def clean_unit(name: str) -> str:
    name = fold_brackets(name.strip().strip("，、；。 "))
    name = _VAGUE_TAIL.sub("", name)
    return name.strip()


def _is_area(name: str) -> bool:
    return name.endswith(_AREA_END) and not name.endswith(_GOVERNMENT_TAILS)


def _area_kind(name: str) -> str | None:
    """The kind of area a name is (区, 县级市 …) with a governing body's name after it or not, else None."""
    for tail in ("",) + _GOVERNMENT_TAILS + ("办事处",):
        if name.endswith(tail) and name[: len(name) - len(tail)] in _AREA_KINDS:
            return name[: len(name) - len(tail)]
    return None


def _shared_tail(items: list[str]) -> list[str]:
    """渤海新区、开发区、高新区管委会 and 东岸、西岸、北湖街道办事处: a governing body's name written once."""
    last = items[-1]
    tail = next((t for t in _GOVERNMENT_TAILS + ("办事处",) if last.endswith(t) and len(last) > len(t)), None)
    if not tail or len(items) < 2:
        return items
    start = len(items) - 1
    while start > 0 and _is_area(items[start - 1]):
        start -= 1  # the areas just before the governing body: 省直有关部门、各市、州人民政府
    if start < len(items) - 1:
        return items[:start] + [i + tail for i in items[start:-1]] + [last]
    # Bare place names before "北湖街道办事处": they take its kind of area as well.
    m = re.match(r"^(.{2,5}?)(街道|镇|乡)" + re.escape(tail) + "$", last)
    if m and all(2 <= len(i) <= 5 and not looks_unitlike(i) for i in items[:-1]):
        return [i + m.group(2) + tail for i in items[:-1]] + [last]
    return items


def looks_unitlike(name: str) -> bool:
    """A name that already says what kind of body it is (局, 委, 政府 …)."""
    return bool(re.search(r"(?:局|委|办|厅|部|府|处|会|中心|站|所|院|队|社|公司|集团|街道|镇|乡|区|县|市)$", name))


def _expand_run(items: list[str], places: tuple[str, ...]) -> list[str]:
    """Distribute a level prefix, a shared head and a shared tail over one run of a list."""
    if not items:
        return items
    items = _shared_tail(items)
    out = [items[0]]
    head = items[0]
    prefix = relative_prefix(head)
    party = _PARTY_HEAD.match(head) if head.endswith("部") else None
    collective = head.startswith("各") and relative_prefix(head[1:]) is not None
    shared = _COLLECTIVE_AREA.match(head)
    shared_word = shared.group(1) if shared and _area_kind(shared.group(2)) else None
    for item in items[1:]:
        if shared_word and _area_kind(item):
            # A shared 各: 各区、县级市 → 各区, 各县级市; 各有关街道、社区 → 各有关社区.
            out.append(shared_word + item)
            continue
        if collective and relative_prefix(item) and item.endswith(_GOVERNMENT_TAILS):
            # Shared head: 各盟行政公署、市人民政府 → 各市人民政府.
            out.append("各" + item)
            continue
        if item.startswith(COLLECTIVE_HEADS):
            prefix = None  # after a collective the list has left the departments of that government
            shared_word = None
            found = _COLLECTIVE_AREA.match(item)
            if found and _area_kind(found.group(2)):
                shared_word = found.group(1)
        elif prefix and not names_own_level(item, places):
            # 市委组织部、宣传部: a party department after a party department keeps the 委 (市委宣传部).
            item = (party.group(0) if party and item.endswith("部") else prefix) + item
        out.append(item)
    return out


def split_units(text: str, places: tuple[str, ...] = ()) -> list[str]:
    """Unit names of one list as printed (`X、Y，Z`), expanded as the module docstring says."""
    units: list[str] = []
    for run in split_top_level(text, "，,；;"):
        items = []
        for piece in split_top_level(run, "、"):
            # "A、B等和各有关省级人民政府": the 等 closes the list before 和 adds a collective.
            # "X和各市人民政府": 和 / 及 before a collective joins two units (never inside a name: 住房和城乡建设局).
            for part in _JOINED.split(piece):
                part = clean_unit(part)
                if part:
                    items.append(part)
        units.extend(_expand_run(items, places))
    return [u for u in dict.fromkeys(units) if u]  # each name once, in first-seen order
