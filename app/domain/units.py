"""Which unit a printed name means: jurisdictions, relative level prefixes, long/short forms, groups.

Pure functions, no SQL. A unit's identity is its *key*: the jurisdiction it belongs to plus the rest of its
name with the built-in equivalences (resources/units/equivalences.tsv) folded in, so 市市场监管局 in 沧州's plan
and 市市场监督管理局 in 呼和浩特's are different bureaus, while 市场监管局 / 市场监督管理局 within one city are one.

- A relative level prefix (市, 县, 自治区, 省, 区, 州, 盟, 旗) takes the plan's jurisdiction when the levels agree
  ("市" in a 市 plan): the canonical name then reads in full, 呼和浩特市市场监督管理局.
- A name that starts with a known jurisdiction (呼和浩特市教育局) is split on it, so the full and the relative
  spelling meet. Any other name is kept as printed and scoped to the plan's jurisdiction (two cities may both
  have a 开发区管委会); near-duplicates across jurisdictions are only suggested, never merged silently.
- Collective entries (各市人民政府, 有关部门和单位, 市直有关单位) are groups: the office may declare that a group
  includes a unit, and then the group's tasks are that unit's tasks too.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from app import paths

if TYPE_CHECKING:
    import opencc

# Longest first: 自治区 before 区, 自治州 before 州. The reader (app/reading/units.py) uses the same lists.
LEVELS = ("自治区", "自治州", "自治县", "自治旗", "省", "市", "县", "区", "州", "盟", "旗", "镇", "乡")
# Words that start with a level character without being a level prefix (市场监管总局 is national).
_NOT_A_PREFIX = ("市场", "市民", "区域", "县域", "省级", "市级", "县级", "区级", "州级", "旗级", "乡村", "镇村")
# …but a level prefix before a department whose name starts so: 市民政局, 市民族宗教事务委员会, 市民防办.
_PREFIX_AFTER_ALL = ("民政", "民族", "民宗", "民委", "民防")
_ISSUER_BODY = re.compile(
    r"(人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|行政公署|办公厅|办公室|党委|委员会)$"
)
_TITLE_PLACE = re.compile(
    r"^(?P<place>[^\s《〈（(“\"]{2,16}?(?:自治区|自治州|自治县|自治旗|省|市|县|区|州|盟|旗))"
    r"(?=贯彻|关于|落实|人民政府|政府|印发|实施|推进|加快|促进|进一步|全面|深入|深化|加强|开展)"
)
_COLLECTIVE = re.compile(r"^各|有关部门|有关单位|相关部门|相关单位|成员单位|市直|县直|区直|旗直|省直")
_SPACES = re.compile(r"\s+")
_HALF_TO_FULL = str.maketrans({"(": "（", ")": "）", "<": "（", ">": "）", "〈": "（", "〉": "）"})


@functools.lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


def fold_brackets(name: str) -> str:
    """Brackets inside a unit name are full-width round ones: 各地〈州、市〉 → 各地（州、市）."""
    return name.translate(_HALF_TO_FULL)


def normalise(name: str) -> str:
    """Simplified characters, no spaces, full-width brackets."""
    text = fold_brackets(_SPACES.sub("", name or ""))
    return _t2s().convert(text) if text else text


# -- equivalences ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Equivalences:
    """Spellings mapped to the form used for comparison, longest first."""

    mapping: tuple[tuple[str, str], ...]

    @classmethod
    def load(cls, path: Path | None = None) -> "Equivalences":
        path = path or paths.resource_path("units", "equivalences.tsv")
        pairs: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            forms = [normalise(f) for f in line.split("\t") if f.strip()]
            for form in forms:
                pairs[form] = forms[0]
        return cls(tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0]))))

    def fold(self, text: str) -> str:
        """Replace, left to right and longest first, every known spelling by its comparison form."""
        out, i = [], 0
        while i < len(text):
            for spelling, canonical in self.mapping:
                if text.startswith(spelling, i):
                    out.append(canonical)
                    i += len(spelling)
                    break
            else:
                out.append(text[i])
                i += 1
        return "".join(out)


@functools.lru_cache(maxsize=1)
def builtin_equivalences() -> Equivalences:
    return Equivalences.load()


# -- jurisdictions -----------------------------------------------------------------------------------
def level_of(jurisdiction: str) -> str | None:
    """The level a jurisdiction's name ends with: 呼和浩特市 → 市, 内蒙古自治区 → 自治区."""
    for level in LEVELS:
        if jurisdiction.endswith(level) and len(jurisdiction) > len(level):
            return level
    return None


def plan_jurisdiction(issuer: str | None, title: str | None) -> str:
    """The place a plan speaks for: from its issuer (呼和浩特市人民政府 → 呼和浩特市), else from its title
    (内蒙古自治区贯彻落实… → 内蒙古自治区); '' for a national plan or when neither says."""
    if issuer:
        place = _ISSUER_BODY.sub("", normalise(issuer))
        if place != normalise(issuer) and level_of(place):
            return place
        match = _TITLE_PLACE.match(normalise(issuer) + "实施")
        if match:
            return match.group("place")
    if title:
        match = _TITLE_PLACE.match(normalise(title))
        if match:
            return match.group("place")
    return ""


def is_collective(name: str) -> bool:
    return bool(_COLLECTIVE.search(normalise(name)))


def relative_prefix(name: str) -> str | None:
    """The level prefix a name starts with (市市场监管局 → 市), or None (市场监管总局, 内蒙古计量院)."""
    if name.startswith(_NOT_A_PREFIX) and not name[1:].startswith(_PREFIX_AFTER_ALL):
        return None
    for level in LEVELS:
        if name.startswith(level) and len(name) - len(level) >= 2:
            return level
    return None


@dataclass(frozen=True)
class UnitIdentity:
    name: str          # canonical name, in full where the jurisdiction is known
    jurisdiction: str  # '' when the name stands on its own or its level could not be resolved
    key: str           # identity: two spellings of one unit have the same key
    is_group: bool


def _key(jurisdiction: str, rest: str, equivalences: Equivalences) -> str:
    return f"{jurisdiction}|{equivalences.fold(rest)}"


def _split_known(name: str, jurisdictions: Iterable[str]) -> tuple[str, str] | None:
    for place in sorted({j for j in jurisdictions if j}, key=len, reverse=True):
        if name.startswith(place) and len(name) - len(place) >= 2:
            return place, name[len(place):]
    return None


def identify(
    printed: str,
    jurisdiction: str,
    known_jurisdictions: Iterable[str] = (),
    equivalences: Equivalences | None = None,
) -> UnitIdentity:
    """The unit a plan of `jurisdiction` means by `printed`."""
    eq = equivalences or builtin_equivalences()
    name = normalise(printed)
    group = is_collective(name)
    split = _split_known(name, [jurisdiction, *known_jurisdictions])
    if split:
        place, rest = split
        return UnitIdentity(place + rest, place, _key(place, rest, eq), group)
    prefix = relative_prefix(name)
    if prefix and jurisdiction and level_of(jurisdiction) == prefix:
        rest = name[len(prefix):]
        return UnitIdentity(jurisdiction + rest, jurisdiction, _key(jurisdiction, rest, eq), group)
    if prefix:
        # A level this plan cannot resolve (自治区… in a city's plan): keep it as printed, scoped to the plan,
        # until the user says which jurisdiction it is.
        return UnitIdentity(name, "", f"?{jurisdiction}|{eq.fold(name)}", group)
    return UnitIdentity(name, jurisdiction, _key(jurisdiction, name, eq), group)


def query_keys(
    name: str, known_jurisdictions: Iterable[str], equivalences: Equivalences | None = None
) -> list[str]:
    """Every key a user's spelling may stand for, when no plan gives its context.

    A full name gives one key; a relative one (市市场监管局) one per known jurisdiction of that level.
    """
    eq = equivalences or builtin_equivalences()
    text = normalise(name)
    known = sorted({j for j in known_jurisdictions})
    split = _split_known(text, known)
    if split:
        return [_key(split[0], split[1], eq)]
    keys = []
    prefix = relative_prefix(text)
    if prefix:
        keys += [_key(j, text[len(prefix):], eq) for j in known if j and level_of(j) == prefix]
        keys += [f"?{j}|{eq.fold(text)}" for j in known]
    keys += [_key(j, text, eq) for j in known] + [_key("", text, eq)]
    return list(dict.fromkeys(keys))


def _own_part(name: str, jurisdiction: str) -> tuple[str, bool]:
    """The part of a canonical name after its jurisdiction, and whether it had one in front."""
    if jurisdiction and name.startswith(jurisdiction):
        return name[len(jurisdiction):], True
    return name, False


def suggest_duplicates(
    units: Iterable[tuple[int, str, str]], *, threshold: float = 85.0, limit: int = 50
) -> list[tuple[int, int, float]]:
    """Pairs of units (id, name, jurisdiction) that look like one (rapidfuzz), best first: [(id_a, id_b, score)].

    Names are compared without their jurisdiction and with the built-in equivalences folded in, so 人社局 and
    人力资源社会保障局 score 100 while 民政局 and 财政局 do not. Two departments of different jurisdictions
    (嘉兴市财政局, 德州市财政局) are never proposed; names standing on their own (内蒙古计量院) may be.
    """
    from rapidfuzz import fuzz, process

    eq = builtin_equivalences()
    items = []
    for uid, name, jurisdiction in units:
        part, placed = _own_part(normalise(name), jurisdiction)
        items.append((uid, eq.fold(part), jurisdiction, placed))
    choices = [item[1] for item in items]
    pairs: list[tuple[int, int, float]] = []
    for i, (uid, folded, jurisdiction, placed) in enumerate(items):
        for _, score, j in process.extract(folded, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=20):
            other = items[j]
            if j > i and (jurisdiction == other[2] or not (placed and other[3])):
                pairs.append((uid, other[0], float(score)))
    pairs.sort(key=lambda p: -p[2])
    return pairs[:limit]
