"""Font discovery: the office's own fonts first (Windows folder, fontconfig), the bundled open fonts otherwise."""
import pytest

from app.notices import fonts
from app.paths import resource_path


@pytest.fixture
def windows_fonts(tmp_path, monkeypatch):
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    return folder


def test_the_simplified_face_of_a_collection_is_picked_by_name():
    uming = resource_path("fonts", "uming.ttc")
    assert fonts._face_index(uming, "AR PL UMing CN") == 0
    assert fonts._face_index(uming, "AR PL UMing TW") == 2


def test_bundled_set_covers_every_role_with_truetype_faces():
    chosen = fonts.load_fonts(use_system=False)
    assert set(chosen.choices) == set(fonts.ROLES)
    assert all(c.bundled and c.path.is_file() for c in chosen.choices.values())
    assert chosen.choices[fonts.SONG].family == "AR PL UMing CN"
    assert "内置替代字体" in chosen.describe()[0]


def test_an_office_font_in_the_windows_folder_wins(windows_fonts):
    (windows_fonts / "simkai.ttf").symlink_to(resource_path("fonts", "LXGWWenKai-Regular.ttf"))
    choice = fonts._choose(fonts.KAI, use_system=True)
    assert not choice.bundled
    assert choice.path == windows_fonts / "simkai.ttf"


def test_a_broken_office_font_falls_back_to_the_bundled_one(windows_fonts, monkeypatch):
    (windows_fonts / "simfang.ttf").write_bytes(b"not a font at all" * 10)
    monkeypatch.setattr(fonts, "_find_fontconfig", lambda font: None)
    choice = fonts._choose(fonts.FANGSONG, use_system=True)
    assert choice.bundled and choice.path.name == "uming.ttc"


def test_missing_bundle_and_no_office_font_is_a_user_error(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(fonts.UserError, match="楷体"):
        fonts._choose(fonts.KAI, use_system=False)
