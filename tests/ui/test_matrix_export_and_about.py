"""文件 → 导出责任矩阵… and 帮助 → 关于督办台: the command line's `export --json` and `about`, from the menu bar."""
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPlainTextEdit

from app import __version__
from app.ops import plans as plan_ops
from app.ui.side_tree import plan_label


def _menu_action(window, menu_title, text):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return next(a for a in menu.actions() if a.text() == text)


def test_export_writes_the_chosen_plans_matrix_json(samples_window, qtbot, tmp_path, monkeypatch):
    window = samples_window
    plans = plan_ops.list_plans(window.store)
    chosen = max(plans, key=lambda p: p.task_count)
    label = plan_label(chosen.title or chosen.source, chosen.jurisdiction, chosen.issuer)
    offered = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda parent, title, text, items, *a: offered.append(items) or (label, True)))
    out = tmp_path / "矩阵.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    _menu_action(window, "文件(&F)", "导出责任矩阵…").trigger()
    qtbot.waitUntil(out.exists, timeout=20_000)
    matrix = plan_ops.read_plan(out).matrix  # read back as another office would import it
    assert len(matrix.tasks) == chosen.task_count
    assert matrix.plan.title == chosen.title
    # the plans offered as the plans tree names them (place first)
    assert offered == [[plan_label(p.title or p.source, p.jurisdiction, p.issuer) for p in plans]]
    assert not list(tmp_path.glob("*.part"))


def test_about_shows_the_version_and_licences(samples_window, qtbot):
    window = samples_window
    _menu_action(window, "帮助(&H)", "关于督办台").trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert f"版本 {__version__}" in text and "随附程序库及其许可" in text
    dialog.reject()
