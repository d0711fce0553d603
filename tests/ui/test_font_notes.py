"""The window names the fonts standing in for missing official ones (notice dialog, settings dialog)."""
from datetime import date

import pytest

from app.notices import fonts
from app.ui.notice_dialog import IssueDialog
from app.ui.settings_dialog import SettingsDialog


@pytest.fixture
def no_office_fonts(tmp_path, monkeypatch):
    monkeypatch.setenv(fonts.FONT_DIRS_ENV, str(tmp_path))  # an empty folder: no 仿宋, no 小标宋 …
    monkeypatch.delenv(fonts.BUNDLED_ONLY_ENV, raising=False)
    fonts.reset()
    yield
    fonts.reset()


def test_notice_and_settings_dialogs_name_the_substitutes(qtbot, no_office_fonts, window, capsys):
    notice = IssueDialog(window.store, date(2026, 11, 23), window, runner=window.runner)
    qtbot.addWidget(notice)
    assert "本机未安装仿宋，正文以 AR PL UMing CN（程序自带）代替" in notice.fonts_note.text()
    assert not notice.fonts_note.isHidden()
    settings = SettingsDialog({})
    qtbot.addWidget(settings)
    assert settings.fonts_label is not None
    assert "本机未安装小标宋，标题以" in settings.fonts_label.text()
    assert "仿宋：AR PL UMing CN（内置替代字体" in settings.fonts_label.text()
    capsys.readouterr()


def test_with_every_official_font_the_note_is_hidden(qtbot, no_office_fonts, window, monkeypatch, capsys):
    monkeypatch.setattr(fonts, "substitutions", lambda use_system=None: [])
    notice = IssueDialog(window.store, date(2026, 11, 23), window, runner=window.runner)
    qtbot.addWidget(notice)
    assert notice.fonts_note.isHidden()
    capsys.readouterr()
