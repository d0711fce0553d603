"""Rows as tab-separated text that pastes into Excel or WPS as cells.

A cell holding a tab, a line break or a double quote is quoted the way Excel itself writes the clipboard
(wrapped in quotes, inner quotes doubled), so a multi-line task stays in one cell.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence


def tsv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if any(ch in text for ch in '\t\n\r"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def rows_to_tsv(rows: Iterable[Sequence[object]]) -> str:
    return "".join("\t".join(tsv_cell(v) for v in row) + "\r\n" for row in rows)
