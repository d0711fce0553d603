"""Qt's own words in Chinese: its translation catalogue, the system locale its file dialog formats with, and which
file dialog is used.

- Qt's catalogue (`qtbase_zh_CN.qm`, shipped in the PySide6 wheel under QLibraryInfo's TranslationsPath and kept by
  installers/duban.spec) translates the standard buttons and the file dialog. Qt 6 gave two of the file dialog's
  labels keyboard accelerators ("&Look in:", "Files of &type:") that the catalogue still holds without them
  ("Look in:" → "查找范围："), so they showed in English; `AcceleratorFallback`, asked after the catalogue, finds
  such a label without its '&' and puts the accelerator back the Chinese way ("查找范围(&L)：").
- Qt's file dialog formats dates and sizes with the *system* locale (not QLocale.setDefault): on Linux that is
  read from LC_TIME ("2026/12/2 07:15", not "2 12 2026") and LC_MESSAGES ("123 字节", not "123 bytes") when the
  QApplication starts, so `chinese_locale_environment` sets both before it exists.
- Windows keeps its native file dialogs (in the system's language); elsewhere Qt's own dialog is used, the one
  translated here, rather than a desktop's (GTK's) that follows the session's language.
"""
from __future__ import annotations

import os
import sys

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CHINESE_LOCALE = "zh_CN.UTF-8"
CATALOGUE = "qtbase_zh_CN"
# The locale categories Qt's system locale takes dates (LC_TIME) and its language and units (LC_MESSAGES) from.
_CATEGORIES = ("LC_TIME", "LC_MESSAGES")


def chinese_locale_environment(environ: dict[str, str] | None = None, platform: str = sys.platform) -> None:
    """Before the QApplication exists, on Linux and other Unix systems: the system locale Qt reads says Chinese
    for dates and units. LC_ALL would override the categories, so its value moves to LANG and to the other
    categories already set: everything else reads as it did."""
    if platform in ("win32", "darwin"):  # the system's own settings and native dialogs
        return
    env = os.environ if environ is None else environ
    forced = env.pop("LC_ALL", "")
    if forced:
        env["LANG"] = forced
        for name in [n for n in env if n.startswith("LC_")]:
            env[name] = forced
    for name in _CATEGORIES:
        env[name] = CHINESE_LOCALE


def use_qt_file_dialogs(platform: str = sys.platform) -> bool:
    """Qt's own (translated) dialogs everywhere but Windows, whose native ones speak the system's language."""
    qt_own = platform != "win32"
    # QtCore.Qt at call time: importing `Qt` makes its ~90 enum classes (app/ui/application.py, dialogs_later)
    QCoreApplication.setAttribute(QtCore.Qt.ApplicationAttribute.AA_DontUseNativeDialogs, qt_own)
    return qt_own


class AcceleratorFallback(QTranslator):
    """Asked after `catalogue`: a source text with one accelerator ("Files of &type:") that the catalogue knows only
    without it ("Files of type:" → "文件类型：") becomes "文件类型(&T)："."""

    def __init__(self, catalogue: QTranslator, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str:
        at = source_text.find("&")
        if at < 0 or source_text.count("&") != 1 or at + 1 >= len(source_text) or not source_text[at + 1].isalnum():
            return ""
        plain = source_text[:at] + source_text[at + 1:]
        text = self.catalogue.translate(context, plain, disambiguation, n)
        if not text or text == plain:
            return ""
        body = text.rstrip("：:…. ")
        return f"{body}(&{source_text[at + 1].upper()}){text[len(body):]}"


def install_qt_translations(app: QCoreApplication) -> bool:
    """Qt's own strings (standard buttons, file dialogs) in Chinese, once per application; the default QLocale
    Chinese (date controls, numbers). False when the catalogue cannot be found."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if getattr(app, "_duban_translators", None):
        return True
    catalogue = QTranslator(app)
    if not catalogue.load(CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return False
    fallback = AcceleratorFallback(catalogue, app)
    app.installTranslator(fallback)  # installed first, so asked last: only for what the catalogue lacks
    app.installTranslator(catalogue)
    app._duban_translators = (catalogue, fallback)  # type: ignore[attr-defined]  # alive as long as the app
    return True
