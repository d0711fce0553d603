"""Undo/redo for edits made through app.ops.

Every edit op returns what it replaced, so one command class serves them all: redo applies the new value and
keeps what it replaced, undo applies that back. A creation (a progress entry) is undone by deleting what it made.
`after` tells the window what changed so it refreshes just that (a task's row and detail).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class ReplaceCommand(QUndoCommand):
    """`apply(value) -> previous value`; redo applies `new`, undo applies what redo replaced."""

    def __init__(self, text: str, apply: Callable[[Any], Any], new: Any, after: Callable[[], None] | None = None):
        super().__init__(text)
        self._apply, self._new, self._after = apply, new, after
        self._previous: Any = None

    def redo(self) -> None:
        self._previous = self._apply(self._new)
        if self._after:
            self._after()

    def undo(self) -> None:
        self._apply(self._previous)
        if self._after:
            self._after()


class CreateCommand(QUndoCommand):
    """`create() -> new id`, `delete(id)`; redo creates again after an undo (a new id each time)."""

    def __init__(self, text: str, create: Callable[[], Any], delete: Callable[[Any], None],
                 after: Callable[[], None] | None = None):
        super().__init__(text)
        self._create, self._delete, self._after = create, delete, after
        self.created: Any = None

    def redo(self) -> None:
        self.created = self._create()
        if self._after:
            self._after()

    def undo(self) -> None:
        self._delete(self.created)
        if self._after:
            self._after()
