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
)
COLLECTIVE_HEADS = ("各", "有关", "相关", "其他", "其它", "全体")
# A body that governs an area, for shared heads and tails.
_GOVERNMENT_TAILS = ("人民政府", "政府", "行政公署", "管委会", "管理委员会", "党委", "人大常委会")
_AREA_END = ("区", "县", "市", "旗", "州", "盟", "镇", "乡", "新区", "开发区", "高新区", "园区")
# What a vague tail looks like after 等: 等, 等有关部门和单位, 等部门单位, 等相关单位…
_VAGUE_TAIL = re.compile(r"等(?:(?:各|有关|相关|其他)?(?:部门|单位|机构|方面|地区|企业)[和及、]?)*$")
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
    if places and name.startswith(places):
        return True
    return name.endswith(_OWN_LEVEL_SUFFIXES)


def clean_unit(name: str) -> str:
    name = fold_brackets(name.strip().strip("，、；。 "))
    name = _VAGUE_TAIL.sub("", name)
    return name.strip()


def _is_area(name: str) -> bool:
    return name.endswith(_AREA_END) and not name.endswith(_GOVERNMENT_TAILS)


def _expand_run(items: list[str], places: tuple[str, ...]) -> list[str]:
    """Distribute a level prefix, a shared head and a shared tail over one run of a list."""
    if not items:
        return items
    # Shared tail: 渤海新区、开发区、高新区管委会 — bare area names before a governing body's name.
    last = items[-1]
    tail = next((t for t in _GOVERNMENT_TAILS if last.endswith(t) and len(last) > len(t)), None)
    if tail and len(items) > 1 and all(_is_area(i) for i in items[:-1]):
        items = [i + tail for i in items[:-1]] + [last]
    out = [items[0]]
    head = items[0]
    prefix = relative_prefix(head)
    collective = head.startswith("各") and relative_prefix(head[1:]) is not None
    for item in items[1:]:
        if collective and relative_prefix(item) and item.endswith(_GOVERNMENT_TAILS):
            # Shared head: 各盟行政公署、市人民政府 → 各市人民政府.
            out.append("各" + item)
            continue
        if item.startswith(COLLECTIVE_HEADS):
            prefix = None  # after a collective the list has left the departments of that government
        elif prefix and not names_own_level(item, places):
            item = prefix + item
        out.append(item)
    return out


def split_units(text: str, places: tuple[str, ...] = ()) -> list[str]:
    """Unit names of one list as printed (`X、Y，Z`), expanded as the module docstring says."""
    units: list[str] = []
    for run in split_top_level(text, "，,；;"):
        items = []
        for piece in split_top_level(run, "、"):
            # "A、B等和各有关省级人民政府": the 等 closes the list before 和 adds a collective.
            for part in re.split(r"等和|等及", piece):
                part = clean_unit(part)
                if part:
                    items.append(part)
        units.extend(_expand_run(items, places))
    seen: set[str] = set()
    return [u for u in units if u and not (u in seen or seen.add(u))]
