"""A notice's text made printable before it is numbered, recorded and laid out.

- Control and format characters (a bidi override, a zero-width space) are dropped: nothing to print.
- A character no font of the set can draw (an emoji, a rare character) would vanish from the paper: it is
  replaced with a visible mark (□) and named in a warning. (A character only some faces have is drawn in
  another face by `layout.para`.)
- Text far longer than any real one (a 100,000-character unit name from a damaged file) would take minutes
  to lay out, since reportlab re-wraps a table cell at every page it runs over: it is cut, with a warning.

The register keeps the printable content, so a re-created PDF is the one issued.
"""
from __future__ import annotations

import unicodedata
from typing import Any, TypeVar

from app.notices.fonts import FontSet
from app.notices.layout import MISSING_MARK
from app.notices.params import from_params, to_params

MAX_NAME_CHARS = 100  # a unit's, an office's or a person's name: the longest real ones are about 30
MAX_TEXT_CHARS = 10_000  # a task's title or any other text: real ones are a few hundred; 10,000 still print whole
_NAME_KEYS = frozenset({"unit", "leads", "office_name", "header_title", "printed_by", "copy_to", "contact_name",
                        "contact_phone", "prefix", "addressee"})
_SHOWN = 10  # missing characters named in the warning

Document = TypeVar("Document")


def _invisible(ch: str) -> bool:
    """Control and format characters (C1 controls, bidi overrides such as U+202E, zero-width marks): dropped."""
    return ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf")


def printable(document: Document, fonts: FontSet) -> tuple[Document, list[str]]:
    """The document with every text drawable and bounded, and a Chinese warning for each change made."""
    covered = fonts.characters()
    missing: dict[str, None] = {}
    cut: dict[str, int] = {}

    def fix(value: Any, key: str) -> Any:
        if isinstance(value, str):
            chars = set(value)
            dropped = {ch for ch in chars if _invisible(ch)}
            gone = {ch for ch in chars - dropped if ch not in covered and not ch.isspace()}
            if gone or dropped:
                missing.update(dict.fromkeys(sorted(gone)))
                value = "".join(MISSING_MARK if ch in gone else ch for ch in value if ch not in dropped)
            limit = MAX_NAME_CHARS if key in _NAME_KEYS else MAX_TEXT_CHARS
            if len(value) > limit:
                what = "名称" if key in _NAME_KEYS else "文字"
                cut[what] = max(cut.get(what, 0), len(value))
                value = value[:limit - 1] + "…"
            return value
        if isinstance(value, list) and key == "overdue":  # a bulletin's [unit, its tasks] pairs
            return [[fix(unit, "unit"), fix(tasks, "tasks")] for unit, tasks in value]
        if isinstance(value, list):
            return [fix(v, key) for v in value]
        if isinstance(value, dict):
            return {k: fix(v, k) for k, v in value.items()}
        return value

    params = to_params(document)
    fixed = {**params, "content": fix(params["content"], "")}
    warnings = []
    if missing:
        shown = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in list(missing)[:_SHOWN])
        more = f"等{len(missing)}个" if len(missing) > _SHOWN else ""
        warnings.append(f"字体中没有字符 {shown}{more}，通知中以“{MISSING_MARK}”代替")
    for what, length in cut.items():
        limit = MAX_NAME_CHARS if what == "名称" else MAX_TEXT_CHARS
        warnings.append(f"有{what}过长（{length}字），通知中只印前{limit - 1}字并加“…”")
    if not warnings:
        return document, []
    return from_params(fixed), warnings
