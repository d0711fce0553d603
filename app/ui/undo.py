"""Undo/redo for edits made through app.ops.

Every edit op returns what it replaced, so one command class serves them all. A command is built after its
first application succeeded (an edit the store refuses never enters the stack), so the push does not apply it
again; undo applies what it replaced, redo the new value. A creation (a progress entry, a merge) is undone by
its inverse op. `after` tells the window what changed so it refreshes just that (a task's row and detail).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class _AppliedCommand(QUndoCommand):
    def __init__(self, text: str, after: Callable[[], None] | None) -> None:
        super().__init__(text)
        self._after = after
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:  # QUndoStack.push calls redo: the change is already made
            self._redo()
        self._pushed = True
        if self._after:
            self._after()

    def undo(self) -> None:
        self._undo()
        if self._after:
            self._after()

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class ReplaceCommand(_AppliedCommand):
    """`apply(value) -> previous value`; `new` has been applied and replaced `previous`."""

    def __init__(self, text: str, apply: Callable[[Any], Any], new: Any, previous: Any,
                 after: Callable[[], None] | None = None):
        super().__init__(text, after)
        self._apply, self._new, self._previous = apply, new, previous

    def _redo(self) -> None:
        self._previous = self._apply(self._new)

    def _undo(self) -> None:
        self._apply(self._previous)


class CreateCommand(_AppliedCommand):
    """`create() -> what was made` (has been called once, giving `created`); `delete(created)` undoes it."""

    def __init__(self, text: str, create: Callable[[], Any], delete: Callable[[Any], Any], created: Any,
                 after: Callable[[], None] | None = None):
        super().__init__(text, after)
        self._create, self._delete, self.created = create, delete, created

    def _redo(self) -> None:
        self.created = self._create()

    def _undo(self) -> None:
        self._delete(self.created)
