from PySide6.QtGui import QUndoStack

from app.ui.undo import CreateCommand, ReplaceCommand


def test_replace_command_restores_what_it_replaced(qapp):
    store = {"units": ["甲"]}
    changes = []

    def apply(value):
        previous, store["units"] = store["units"], value
        return previous

    stack = QUndoStack()
    previous = apply(["乙", "丙"])  # the window applies first; a refused edit never reaches the stack
    stack.push(ReplaceCommand("改单位", apply, ["乙", "丙"], previous, after=lambda: changes.append(1)))
    assert store["units"] == ["乙", "丙"]
    stack.undo()
    assert store["units"] == ["甲"]
    stack.redo()
    assert store["units"] == ["乙", "丙"]
    assert len(changes) == 3


def test_create_command_deletes_on_undo_and_creates_anew_on_redo(qapp):
    rows = {}
    counter = iter(range(1, 100))

    def create():
        i = next(counter)
        rows[i] = "进展"
        return i

    stack = QUndoStack()
    stack.push(CreateCommand("加进展", create, rows.pop, create()))
    assert rows == {1: "进展"}
    stack.undo()
    assert rows == {}
    stack.redo()
    assert rows == {2: "进展"}
