"""The fonts of an official document: the office's own when the machine has them, else the bundled open ones.

Five roles, as GB/T 9704 names them: 小标宋 for titles, 仿宋 for the body, 黑体 for 一、 headings, 楷体 for
（一） headings, 宋体 for tables and small print. Each role looks, in order, in the Windows font folders, in
fontconfig (Linux), and in `resources/fonts/`. Fonts are registered with reportlab as TrueType, which embeds
only the glyphs used (subsets), so a PDF opens the same on any machine.
"""
from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

from app.errors import UserError
from app.paths import resource_path

log = logging.getLogger(__name__)

TITLE = "title"  # 小标宋
FANGSONG = "fangsong"  # 仿宋
SONG = "song"  # 宋体
HEI = "hei"  # 黑体
KAI = "kai"  # 楷体
ROLES = (TITLE, FANGSONG, SONG, HEI, KAI)
ROLE_LABELS = {TITLE: "小标宋", FANGSONG: "仿宋", SONG: "宋体", HEI: "黑体", KAI: "楷体"}

# Set to 1 to ignore the system's fonts (reproducible output for tests and benchmarks).
BUNDLED_ONLY_ENV = "DUBAN_BUNDLED_FONTS_ONLY"


@dataclass(frozen=True)
class OfficeFont:
    """How an office font is found: its Windows file names and its family names for fontconfig."""

    files: tuple[str, ...]
    families: tuple[str, ...]


OFFICE_FONTS = {
    TITLE: OfficeFont(("FZXBSJW.TTF", "FZXBSJW--GB1-0.ttf", "方正小标宋简体.ttf"),
                      ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05")),
    FANGSONG: OfficeFont(("simfang.ttf", "FANGSONG_GB2312.TTF"), ("FangSong", "仿宋", "仿宋_GB2312", "FangSong_GB2312")),
    SONG: OfficeFont(("simsun.ttc",), ("SimSun", "宋体")),
    HEI: OfficeFont(("simhei.ttf",), ("SimHei", "黑体")),
    KAI: OfficeFont(("simkai.ttf", "KAITI_GB2312.TTF"), ("KaiTi", "楷体", "楷体_GB2312", "KaiTi_GB2312")),
}

# The open stand-ins under resources/fonts/ (file, family of the face to use inside it).
BUNDLED_FONTS = {
    TITLE: ("wqy-microhei.ttc", "WenQuanYi Micro Hei"),  # a heavy face reads as a title; the light 明体 does not
    FANGSONG: ("uming.ttc", "AR PL UMing CN"),
    SONG: ("uming.ttc", "AR PL UMing CN"),
    HEI: ("wqy-microhei.ttc", "WenQuanYi Micro Hei"),
    KAI: ("LXGWWenKai-Regular.ttf", "LXGW WenKai"),
}


@dataclass(frozen=True)
class FontChoice:
    role: str
    name: str  # the name registered with reportlab
    path: Path
    face_index: int
    family: str
    bundled: bool

    def describe(self) -> str:
        origin = "内置替代字体" if self.bundled else "本机字体"
        return f"{ROLE_LABELS[self.role]}：{self.family}（{origin}，{self.path.name}）"


@dataclass(frozen=True)
class FontSet:
    """The registered reportlab font name for each role."""

    choices: dict[str, FontChoice]

    def __getitem__(self, role: str) -> str:
        return self.choices[role].name

    def describe(self) -> list[str]:
        return [self.choices[r].describe() for r in ROLES]

    def characters(self) -> frozenset[str]:
        """Every character at least one of the set's faces can draw."""
        return frozenset().union(*(characters(c.name) or () for c in self.choices.values()))


def _face_index(path: Path, family: str | None) -> int:
    """The face of a .ttc whose family name is `family` (the first face is not always the Simplified one)."""
    if path.suffix.lower() != ".ttc" or not family:
        return 0
    index = 0
    while True:
        try:
            face = TTFontFile(str(path), subfontIndex=index, validate=0)
        except TTFError:
            return 0
        if face.familyName.decode("utf-8", "replace") == family:
            return index
        index += 1


def _windows_font_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("WINDIR"):
        dirs.append(Path(os.environ["WINDIR"]) / "Fonts")
    if os.environ.get("LOCALAPPDATA"):  # fonts installed for one user only
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _find_windows(font: OfficeFont) -> tuple[Path, str | None] | None:
    for folder in _windows_font_dirs():
        for name in font.files:
            path = folder / name
            if path.is_file():
                return path, font.families[0] if path.suffix.lower() == ".ttc" else None
    return None


def _find_fontconfig(font: OfficeFont) -> tuple[Path, str | None] | None:
    if not shutil.which("fc-list"):
        return None
    for family in font.families:
        try:
            out = subprocess.run(
                ["fc-list", "--format", "%{file}\n", f":family={family}:fontformat=TrueType"],
                capture_output=True, text=True, timeout=10, check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        for line in out.splitlines():
            if line.strip():
                return Path(line.strip()), family
    return None


_REGISTERED: list[str] = []  # every face registered, in order: the fallbacks for a character a face lacks


def registered_fonts() -> tuple[str, ...]:
    return tuple(_REGISTERED)


@functools.lru_cache(maxsize=None)
def characters(font_name: str) -> frozenset[str] | None:
    """Every character a registered TrueType face has a glyph for (None for reportlab's built-in fonts)."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return frozenset(map(chr, face.charToGlyph)) if face is not None else None


@functools.lru_cache(maxsize=None)
def _registered(path: Path, index: int) -> TTFont | None:
    """One reportlab font per face: parsing a CJK font takes a few tenths of a second, so roles share it."""
    name = f"Duban-{path.stem}-{index}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError) as exc:  # CFF outlines, a broken file: the caller tries the next candidate
        log.warning("字体 %s 无法使用：%s", path, exc)
        return None
    # Every PDF embeds a subset of the face, and reportlab copies whole tables out of the font file for each
    # subset (the glyf table of a CJK face is 10-20 MB): keep each table once per process instead.
    font.face.get_table = functools.lru_cache(maxsize=None)(font.face.get_table)
    pdfmetrics.registerFont(font)
    _REGISTERED.append(name)
    return font


def _register(role: str, path: Path, family: str | None, bundled: bool) -> FontChoice | None:
    index = _face_index(path, family)
    font = _registered(path, index)
    if font is None:
        return None
    name = font.fontName
    actual = font.face.familyName.decode("utf-8", "replace")
    return FontChoice(role, name, path, index, actual, bundled)


def _choose(role: str, use_system: bool) -> FontChoice:
    if use_system:
        for finder in (_find_windows, _find_fontconfig):
            found = finder(OFFICE_FONTS[role])
            if found:
                choice = _register(role, found[0], found[1], bundled=False)
                if choice:
                    return choice
    file_name, family = BUNDLED_FONTS[role]
    path = resource_path("fonts", file_name)
    choice = _register(role, path, family, bundled=True) if path.is_file() else None
    if choice is None:
        raise UserError(f"找不到可用的{ROLE_LABELS[role]}字体：本机没有，内置字体 {path} 也缺失或损坏，请重新安装程序")
    return choice


@functools.lru_cache(maxsize=2)
def _load(use_system: bool) -> FontSet:
    return FontSet({role: _choose(role, use_system) for role in ROLES})


def load_fonts(use_system: bool | None = None) -> FontSet:
    """Find and register the five fonts once per process (reportlab's registry is global anyway).

    `use_system=None` honours the `DUBAN_BUNDLED_FONTS_ONLY` environment variable.
    """
    if use_system is None:
        use_system = os.environ.get(BUNDLED_ONLY_ENV, "") not in ("1", "true", "yes")
    return _load(use_system)
