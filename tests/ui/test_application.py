"""Start-up pieces: the Chinese font, the translator, the crash log, the screenshot path, remembered settings."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFontDatabase

from app.ui import application, crash, fonts, ui_settings

ROOT = Path(__file__).resolve().parents[2]


def test_cjk_font_registered_and_draws_chinese(qapp):
    family = fonts.install_cjk_font(qapp)
    assert family, "no CJK font found"
    assert QFontDatabase.writingSystems(family).count(QFontDatabase.WritingSystem.SimplifiedChinese) == 1
    assert qapp.font().family() == family


def test_qt_translator_loads_chinese(qapp):
    assert application.install_qt_translator(qapp)
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_crash_log_written_with_traceback(tmp_path):
    try:
        raise RuntimeError("boom-测试")
    except RuntimeError as exc:
        path = crash.write_crash_log(type(exc), exc, exc.__traceback__)
    text = path.read_text(encoding="utf-8")
    assert "boom-测试" in text and "Traceback" in text


def test_os_error_in_the_window_is_a_chinese_message_not_a_crash(tmp_path, qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "show_user_error", lambda parent, exc, *a: shown.append(exc.message))
    monkeypatch.setattr(crash, "write_crash_log", lambda *a: pytest.fail("an OSError is not a bug"))
    try:
        (tmp_path / "plain").write_text("x")
        (tmp_path / "plain" / "out.pdf").write_bytes(b"")
    except OSError as exc:
        crash._excepthook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1 and "out.pdf" in shown[0] and "不是文件夹" in shown[0]
    assert "directory" not in shown[0].lower()


def test_last_db_remembered(tmp_path):
    db = tmp_path / "a.sqlite3"
    db.write_bytes(b"")
    assert ui_settings.resolve_db_path(None) != db
    ui_settings.remember_last_db(db)
    assert ui_settings.resolve_db_path(None) == db.resolve()
    assert ui_settings.resolve_db_path(str(tmp_path / "b.sqlite3")) == tmp_path / "b.sqlite3"


def _without_display() -> dict[str, str]:
    """This environment as on a server: no X or Wayland display, and no Qt platform chosen."""
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display variables are Linux's")
def test_screenshot_command_writes_png_and_exits_without_a_display(tmp_path):
    out = tmp_path / "shot.png"
    proc = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "x.sqlite3"), "--screenshot", str(out)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60, env=_without_display(),
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert proc.stderr == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display variables are Linux's")
def test_window_without_a_display_is_one_chinese_line(tmp_path):
    db = tmp_path / "x.sqlite3"
    proc = subprocess.run([sys.executable, "main.py", "--db", str(db)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=60, env=_without_display())
    assert proc.returncode == 2
    assert proc.stderr.startswith("错误：未检测到图形界面（DISPLAY）") and proc.stderr.count("\n") == 1, proc.stderr
    assert not db.exists()
