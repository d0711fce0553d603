"""Several modules add to the same menu by title: one menu per title, in the bar's fixed order."""
from PySide6.QtWidgets import QMenuBar

from app.ui.menus import menu_named


def test_a_title_asked_twice_is_one_menu_and_menus_keep_the_bar_order(qtbot):
    bar = QMenuBar()
    qtbot.addWidget(bar)
    tools = menu_named(bar, "工具(&T)")
    files = menu_named(bar, "文件(&F)")
    feedback = menu_named(bar, "反馈(&K)")
    assert menu_named(bar, "工具(&T)") is tools
    assert [a.text() for a in bar.actions()] == ["文件(&F)", "反馈(&K)", "工具(&T)"]
    assert files is not feedback
    menu_named(bar, "别的")
    assert bar.actions()[-1].text() == "别的"
