"""Qt's own dialogs in Chinese (issue 10, item 9): the file dialog a clerk opens to import a plan, save a notice or
choose a folder shows no English label, button, column or unit, and dates in the Chinese way. Run in a fresh
process: the locale Qt formats with is read when the application starts (app/ui/chinese_qt.py)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from app.ui.chinese_qt import AcceleratorFallback, chinese_locale_environment, install_qt_translations

ROOT = Path(__file__).resolve().parents[2]

# Every text a user sees in Qt's file dialog, in its three uses, after the program's own application set-up.
PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFileDialog, QLabel, QTreeView
from app.ui.application import make_application
app = make_application()
folder = sys.argv[1]
seen = {"native_off": QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)}
for name, mode, accept in (("open", QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
                           ("save", QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
                           ("folder", QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen)):
    d = QFileDialog(None, "导入方案文件", folder, "方案文件 (*.txt *.docx);;所有文件 (*)")
    d.setFileMode(mode)
    d.setAcceptMode(accept)
    d.setViewMode(QFileDialog.ViewMode.Detail)
    d.show()
    for _ in range(200):  # the folder is read on Qt's file-info thread
        app.processEvents()
        model = d.findChild(QTreeView, "treeView").model()
        if model.rowCount(d.findChild(QTreeView, "treeView").rootIndex()) >= 2:
            break
        QThread = __import__("time").sleep(0.01)
    texts = []
    for w in d.findChildren(QLabel):
        if w.isVisible(): texts.append(w.text())
    for w in d.findChildren(QAbstractButton):
        if w.isVisible(): texts += [w.text(), w.toolTip()]
    for w in d.findChildren(QComboBox):
        if w.isVisible() and w.objectName() != "lookInCombo":  # that one lists the folder's path
            texts += [w.itemText(i) for i in range(w.count())]
    view = d.findChild(QTreeView, "treeView")
    model, root = view.model(), view.rootIndex()
    texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    cells = [[model.index(r, c, root).data() for c in range(model.columnCount())] for r in range(model.rowCount(root))]
    seen[name] = {"texts": [t for t in texts if t], "cells": cells}
    d.close()
print(json.dumps(seen, ensure_ascii=False))
"""
# What may stay Latin: the filter patterns the program wrote ("*.txt") and binary units Chinese also writes (KiB).
ALLOWED = re.compile(r"\(\*[^)]*\)|\*\.\w+|\b[KMGT]iB\b|\(&[A-Z]\)|&[A-Z]")
ENGLISH = re.compile(r"[A-Za-z]{2,}")


def _english(text: str) -> list[str]:
    return ENGLISH.findall(ALLOWED.sub("", text))


def test_the_file_dialog_says_everything_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "方案"
    (folder / "往年方案").mkdir(parents=True)
    (folder / "示例方案.txt").write_text("关于推进重点工作的实施方案", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DUBAN_DATA_DIR=str(tmp_path / "data"), LANG="C.UTF-8",
               QT_LOGGING_RULES="default.warning=false")
    env.pop("LC_ALL", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, str(folder)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["native_off"] == (sys.platform != "win32")  # Qt's own dialog, the translated one, off Windows
    for use in ("open", "save", "folder"):
        texts = seen[use]["texts"]
        assert any("查找范围" in t for t in texts) and any("文件类型" in t for t in texts), texts
        english = {t: _english(t) for t in texts if _english(t)}
        assert english == {}, f"{use}: English in {english}"
    rows = {row[0]: row for row in seen["open"]["cells"]}
    assert set(rows) == {"往年方案", "示例方案.txt"}
    for row in rows.values():
        assert not [c for c in row[1:] if _english(c or "")], row  # size, kind, date: "文件夹", "字节", 2026/…
    size, date_text = rows["示例方案.txt"][1], rows["示例方案.txt"][3]
    assert size.endswith("字节"), size
    assert re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}", date_text), date_text


def test_a_label_qt_gave_an_accelerator_is_found_without_it(qapp) -> None:
    class Catalogue(QTranslator):
        def translate(self, context, source_text, disambiguation=None, n=-1):  # type: ignore[override]
            return {"Look in:": "查找范围：", "Open": "打开"}.get(source_text, "") if context == "QFileDialog" else ""

    fallback = AcceleratorFallback(Catalogue())
    assert fallback.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert fallback.translate("QFileDialog", "&Open") == "打开(&O)"
    assert fallback.translate("QFileDialog", "&Unknown:") == ""  # not in the catalogue either: Qt keeps its text
    assert fallback.translate("QFileDialog", "Look in:") == ""  # no accelerator: the catalogue's own business
    assert fallback.translate("QOther", "&Look in:") == ""
    assert install_qt_translations(qapp)
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："  # the installed pair


def test_the_locale_environment_keeps_what_lc_all_said_for_everything_else() -> None:
    env = {"LC_ALL": "en_US.UTF-8", "LC_NUMERIC": "de_DE.UTF-8", "LANG": "C"}
    chinese_locale_environment(env, platform="linux")
    assert env == {"LANG": "en_US.UTF-8", "LC_NUMERIC": "en_US.UTF-8", "LC_TIME": "zh_CN.UTF-8",
                   "LC_MESSAGES": "zh_CN.UTF-8"}
    windows = {"LANG": "C"}
    chinese_locale_environment(windows, platform="win32")
    assert windows == {"LANG": "C"}
