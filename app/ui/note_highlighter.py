"""Highlights the responsibility notes in a plan's source text, e.g. （牵头单位：…；责任单位：…；完成时限：…）,
so the user sees at a glance what the preview was read from; a note the reader could not use can be marked apart."""
from __future__ import annotations

import re

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat

# A bracketed passage that speaks of who does the work or by when: the shape of a note in any plan.
NOTE_PATTERN = re.compile(
    r"[（(〔【][^（）()〔〕【】]{0,400}?(?:牵头|责任单位|负责|配合|完成时限|时间节点)[^（）()〔〕【】]{0,400}?[）)〕】]"
)


def find_notes(text: str) -> list[tuple[int, int]]:
    """(start, length) of each note in a block of text."""
    return [(m.start(), m.end() - m.start()) for m in NOTE_PATTERN.finditer(text)]


class NoteHighlighter(QSyntaxHighlighter):
    def __init__(self, document, unread: set[str] | None = None) -> None:
        super().__init__(document)
        self.unread = unread or set()  # note texts the reader could not interpret: shown in red
        self.note_format = QTextCharFormat()
        self.note_format.setBackground(QColor("#fff3bf"))
        self.unread_format = QTextCharFormat()
        self.unread_format.setBackground(QColor("#ffd6d6"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        for start, length in find_notes(text):
            note = text[start:start + length]
            unread = any(u and u in note for u in self.unread)
            self.setFormat(start, length, self.unread_format if unread else self.note_format)
