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


@pytest.fixture
def no_office_fonts(tmp_path, monkeypatch):
    """A machine without the official fonts: the font search sees only an empty folder."""
    empty = tmp_path / "empty-fonts"
    empty.mkdir()
    monkeypatch.setenv(fonts.FONT_DIRS_ENV, str(empty))
    fonts.reset()
    yield empty
    fonts.reset()


def test_bundled_face_indexes_match_their_families():
    for file_name, family, index in fonts.BUNDLED_FONTS.values():
        assert fonts._face_index(resource_path("fonts", file_name), family) == index


def test_without_the_official_fonts_the_substitutes_are_named_once_and_the_pdf_renders(no_office_fonts, capsys,
                                                                                         supervision):
    from app.notices.supervision import supervision_pdf
    from . import pdfcheck

    chosen = fonts.load_fonts(use_system=True)
    again = fonts.load_fonts(use_system=True)
    err = capsys.readouterr().err
    assert err.count("本机未安装仿宋，正文以 AR PL UMing CN（程序自带）代替") == 1
    assert err.count("本机未安装小标宋，标题以 WenQuanYi Micro Hei（程序自带）代替") == 1
    assert len(err.strip().splitlines()) == len(fonts.ROLES)
    assert again is chosen and all(c.bundled for c in chosen.choices.values())
    assert fonts.substitutions(use_system=True)[1] == "本机未安装仿宋，正文以 AR PL UMing CN（程序自带）代替"
    assert fonts.substitutions(use_system=False) == []  # the bundled-only mode of tests says nothing
    assert supervision.unit in pdfcheck.text(supervision_pdf(supervision, chosen))


def test_an_office_font_file_is_copied_into_the_data_folder_and_used(no_office_fonts, capsys, tmp_path):
    source = tmp_path / "my-fangsong.ttf"
    source.write_bytes(resource_path("fonts", "LXGWWenKai-Regular.ttf").read_bytes())
    target = fonts.install_office_font("仿宋", source)
    source.unlink()  # the copy is the office's: the original may go
    assert target.parent == fonts.own_fonts_dir() and target.is_file()
    chosen = fonts.load_fonts(use_system=True)
    assert chosen.choices[fonts.FANGSONG].own and chosen.choices[fonts.FANGSONG].family == "LXGW WenKai"
    assert not any("仿宋" in line for line in chosen.substitutions())
    assert "本单位指定" in chosen.describe()[1]
    assert fonts.remove_office_font(fonts.FANGSONG)
    assert fonts.load_fonts(use_system=True).choices[fonts.FANGSONG].bundled
    capsys.readouterr()


def test_a_font_file_that_cannot_serve_is_refused(tmp_path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font" * 20)
    with pytest.raises(fonts.UserError, match="无法使用"):
        fonts.install_office_font("仿宋", bad)
    with pytest.raises(fonts.UserError, match="TrueType"):
        fonts.install_office_font("仿宋", tmp_path / "x.otf")
    with pytest.raises(fonts.UserError, match="字体用途"):
        fonts.install_office_font("草书", bad)
    assert not fonts.own_fonts_dir().exists()


def test_parsed_faces_are_cached_and_the_cache_follows_the_file(tmp_path):
    import os

    path = tmp_path / "kai.ttf"
    path.write_bytes(resource_path("fonts", "LXGWWenKai-Regular.ttf").read_bytes())
    parsed = fonts.parsed_face(path, 0)
    key = fonts._cache_key(path, 0)
    cached = fonts._face_from_cache(path, 0, key)
    assert cached is not None
    for name, value in parsed.__dict__.items():
        if name not in fonts._NOT_CACHED:
            got = getattr(cached, name)
            if name in ("hmetrics", "glyphPos"):  # kept as arrays: the same numbers
                assert len(got) == len(value) and [got[i] for i in range(len(got))] == value, name
            else:
                assert got == value, name
    assert cached._pdfScale(1000) == parsed._pdfScale(1000)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # the file changed: its cache no longer serves
    assert fonts._face_from_cache(path, 0, fonts._cache_key(path, 0)) is None
