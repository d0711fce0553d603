from PySide6.QtGui import QUndoStack

from app.ui.undo import CreateCommand, ReplaceCommand


def test_replace_command_restores_what_it_replaced(qapp):
    store = {"units": ["甲"]}
    changes = []

    def apply(value):
        previous, store["units"] = store["units"], value
        return previous

    stack = QUndoStack()
    stack.push(ReplaceCommand("改单位", apply, ["乙", "丙"], after=lambda: changes.append(1)))
    assert store["units"] == ["乙", "丙"]
    stack.undo()
    assert store["units"] == ["甲"]
    stack.redo()
    assert store["units"] == ["乙", "丙"]
    assert len(changes) == 3


def test_create_command_deletes_on_undo(qapp):
    rows = {}
    counter = iter(range(1, 100))

    def create():
        i = next(counter)
        rows[i] = "进展"
        return i

    stack = QUndoStack()
    cmd = CreateCommand("加进展", create, rows.pop)
    stack.push(cmd)
    assert rows == {1: "进展"}
    stack.undo()
    assert rows == {}
    stack.redo()
    assert rows == {2: "进展"}
