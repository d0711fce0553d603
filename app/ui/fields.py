"""The date field every dialog shares: it reads and writes yyyy-MM-dd, opens a calendar in Chinese and gives its
value as a `datetime.date`. (The plan choosers are in app/ui/plan_choosers.py.)

The toolbar's as-of date field is built before the window's first paint: this module makes no Qt class it does
not need, and uses nothing of Qt's `Qt` namespace (app/ui/application.py)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

DATE_FORMAT = "yyyy-MM-dd"


def chinese_locale() -> QLocale:
    """Chinese as written in China: the calendar's month and day names."""
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def date_field(day: date, parent: QWidget | None = None) -> QDateEdit:
    """A date field showing `day` as yyyy-MM-dd, with a calendar in Chinese; read it with `day_of`."""
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent, calendarPopup=True, displayFormat=DATE_FORMAT)
    edit.setLocale(chinese_locale())  # its calendar, made when first opened, takes the field's locale
    return edit


def day_of(edit: QDateEdit) -> date:
    """The date a date field holds."""
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def set_day(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))
