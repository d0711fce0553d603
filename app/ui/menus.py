"""The menu bar's menus, found by title: several modules add their actions to the same menu (督办, 反馈, 工具)
without knowing who made it, so each asks for it by name and the menu is made once, in the bar's order."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

# The bar's menus, left to right; a menu not listed here goes at the end.
MENU_ORDER = ("文件(&F)", "编辑(&E)", "查看(&V)", "任务(&W)", "督办(&B)", "反馈(&K)", "工具(&T)", "帮助(&H)")


def menu_named(bar: QMenuBar, title: str) -> QMenu:
    """The bar's menu called `title`, made (in MENU_ORDER's place) the first time it is asked for."""
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text() == title:
            return menu
    menu = QMenu(title, bar)
    rank = MENU_ORDER.index(title) if title in MENU_ORDER else len(MENU_ORDER)
    before = None
    for action in bar.actions():
        other = action.text()
        if (MENU_ORDER.index(other) if other in MENU_ORDER else len(MENU_ORDER)) > rank:
            before = action
            break
    if before is None:
        bar.addMenu(menu)
    else:
        bar.insertMenu(before, menu)
    return menu


def add_action(bar: QMenuBar, title: str, text: str, slot: Callable[[], object]) -> QAction:
    """An entry `text` at the end of the bar's menu `title`, calling `slot`."""
    action = menu_named(bar, title).addAction(text)
    action.triggered.connect(slot)
    return action


def new_action(parent: QObject, text: str, slot: Callable[[], object] | None = None) -> QAction:
    """An action called `text` that calls `slot`. Made as QAction(parent), then named: PySide weighing
    QAction(text, parent) against QAction(icon, text, parent) makes QIcon's class (~2 ms) before the first paint."""
    action = QAction(parent)
    action.setText(text)
    if slot is not None:
        action.triggered.connect(slot)
    return action
