"""截至日期 (as-of date): the date the window judges everything at — the table's lights and statuses, the 逾期 /
临期 filters, the detail pane, the overview, and the date notices and bulletins made from the window carry.

A date control in the main toolbar (also under 查看 → 截至日期… / 回到今天). It starts at today at every start
and is never saved: looking at another date is a question of the moment, not a setting. While it is not today
the control is tinted and the status bar says so (按 2026-06-30 查看，非今日), so nobody takes a look ahead for
the state of today."""
from __future__ import annotations

from datetime import date

from PySide6 import QtCore, QtWidgets  # (QtWidgets.QStyle…: made on first use, after the first paint)
from PySide6.QtCore import QDate, QEvent, QPointF, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QToolBar, QWidget

from app.ui.fields import date_field, set_day

NOT_TODAY_STYLE = "QDateEdit { background-color: #fff1c2; border: 1px solid #d9a400; }"


def not_today_text(as_of: date) -> str:
    return f"按 {as_of.isoformat()} 查看，非今日"


class AsOfControl(QWidget):
    """The label 截至日期 and its date box; `changed(date)` once per new date."""

    changed = Signal(object)  # datetime.date

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.edit = date_field(today)  # yyyy-MM-dd, the calendar in Chinese
        self.edit.setToolTip("按此日期判断逾期、临期和状态；督办通知、情况通报默认用此日期")
        self.label = QLabel("截至日期")
        self.label.setBuddy(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        self.notice = QLabel()  # for the status bar: shown while the date is not today
        self.notice.setStyleSheet("color: #8a5a00; font-weight: bold; padding: 0 6px;")
        self.notice.hide()
        self._value = today
        self.choose_action: QAction | None = None  # 查看 → 截至日期… / 回到今天, once installed
        self.today_action: QAction | None = None
        self.edit.dateChanged.connect(self._edited)

    def value(self) -> date:
        return self._value

    def set_value(self, as_of: date) -> None:
        set_day(self.edit, as_of)  # _edited follows when it differs

    def back_to_today(self) -> None:
        self.set_value(self.today)

    def open_calendar(self) -> None:
        """查看 → 截至日期…: the date box gets the focus with its calendar open. QDateEdit has no call (nor key)
        that opens its calendar: a press on its arrow does, as a click would."""
        self.edit.setFocus()
        QStyle = QtWidgets.QStyle  # noqa: N806 (Qt's name)
        option = QtWidgets.QStyleOptionComboBox()  # a QDateEdit with a calendar is hit-tested as a combo box
        option.initFrom(self.edit)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.edit.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                 QStyle.SubControl.SC_ComboBoxArrow, self.edit)
        at = QPointF(arrow.center())
        Qt = QtCore.Qt  # not at import: the window's first paint does without Qt's namespace (app/ui/application.py)
        press = QMouseEvent(QEvent.Type.MouseButtonPress, at, self.edit.mapToGlobal(at), Qt.MouseButton.LeftButton,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(self.edit, press)

    def _edited(self, qdate: QDate) -> None:
        as_of = qdate.toPython()
        if as_of == self._value:
            return
        self._value = as_of
        away = as_of != self.today
        self.edit.setStyleSheet(NOT_TODAY_STYLE if away else "")
        self.notice.setText(not_today_text(as_of) if away else "")
        self.notice.setVisible(away)
        self.changed.emit(as_of)


def install(window: QMainWindow, toolbar: QToolBar, today: date) -> AsOfControl:
    """Put the control in the toolbar, its notice in the status bar and its entries under 查看 (截至日期…,
    回到今天); the window listens to `changed`."""
    from app.ui.menus import menu_named

    control = AsOfControl(today, window)
    toolbar.addSeparator()
    toolbar.addWidget(control)
    window.statusBar().addPermanentWidget(control.notice)
    menu = menu_named(window.menuBar(), "查看(&V)")
    menu.addSeparator()
    control.choose_action = menu.addAction("截至日期…", control.open_calendar)
    control.today_action = menu.addAction("回到今天", control.back_to_today)
    return control
