"""The fonts of an official document: the office's own when the machine has them, else the bundled open ones.

Five roles, as GB/T 9704 names them: 小标宋 for titles, 仿宋 for the body, 黑体 for 一、 headings, 楷体 for
（一） headings, 宋体 for tables and small print. Each role looks, in order:

1. in the office's own font files, copied into the data folder (`fonts/<role>.ttf`, see `install_office_font`);
2. in the font folders by file name: the Windows font folders (`%WINDIR%\\Fonts`, the user's
   `%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts`), `/usr/share/fonts`, `/usr/local/share/fonts`, `~/.local/share/fonts`
   and `~/.fonts` (the files of `OFFICE_FONTS`: simfang.ttf, FANGSONG_GB2312.TTF, …);
3. in fontconfig (`fc-list`, one call) by family: 仿宋_GB2312 / 仿宋 / FangSong, 方正小标宋简体 / 小标宋, 黑体 /
   SimHei, 楷体_GB2312 / 楷体 / KaiTi, 宋体 / SimSun (the families of `OFFICE_FONTS`);
4. in `resources/fonts/` (the bundled open stand-ins, `BUNDLED_FONTS`).

`DUBAN_FONT_DIRS` (folders separated by os.pathsep) replaces steps 2 and 3: an empty folder simulates a
machine without the official fonts. A role set in a stand-in is named once per run on standard error
("本机未安装仿宋，正文以 AR PL UMing CN（程序自带）代替") and by `substitutions()` for the window.

Fonts are registered with reportlab as TrueType, which embeds only the glyphs used (subsets), so a PDF opens
the same on any machine. Parsing a CJK face costs reportlab 0.15–0.3 s; the parsed faces are kept in the data
folder (`font-cache/`), keyed by the font file's path, size and modification time, so a later run reads them
back in a few hundredths of a second.
"""
from __future__ import annotations

import functools
from array import array
import hashlib
import logging
import mmap
import operator
import os
import pickle
import shutil
import subprocess
import sys
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterator, Mapping, TextIO
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace, TTFontFile

from app.errors import UserError, os_error_text
from app.notices.files import write_atomic
from app.paths import data_dir, resource_path

log = logging.getLogger(__name__)

TITLE = "title"  # 小标宋
FANGSONG = "fangsong"  # 仿宋
SONG = "song"  # 宋体
HEI = "hei"  # 黑体
KAI = "kai"  # 楷体
ROLES = (TITLE, FANGSONG, SONG, HEI, KAI)
ROLE_LABELS = {TITLE: "小标宋", FANGSONG: "仿宋", SONG: "宋体", HEI: "黑体", KAI: "楷体"}
ROLE_USES = {TITLE: "标题", FANGSONG: "正文", SONG: "表格和版记", HEI: "一级标题", KAI: "二级标题"}

# Set to 1 to ignore the system's fonts (reproducible output for tests and benchmarks).
BUNDLED_ONLY_ENV = "DUBAN_BUNDLED_FONTS_ONLY"
# Folders searched instead of the system's font folders and fontconfig (os.pathsep between them).
FONT_DIRS_ENV = "DUBAN_FONT_DIRS"
OWN_FONTS = "fonts"  # the office's own font files, in the data folder
CACHE = "font-cache"  # parsed faces, in the data folder
FONT_SUFFIXES = (".ttf", ".ttc")
_CACHE_FORMAT = 2  # 2: metrics and glyph offsets as arrays


@dataclass(frozen=True)
class OfficeFont:
    """How an office font is found: its file names (Windows, font packages) and its family names (fontconfig)."""

    files: tuple[str, ...]
    families: tuple[str, ...]


OFFICE_FONTS = {
    TITLE: OfficeFont(("FZXBSJW.TTF", "FZXBSJW--GB1-0.ttf", "方正小标宋简体.ttf", "方正小标宋_GBK.ttf"),
                      ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "小标宋", "小标宋体")),
    FANGSONG: OfficeFont(("FANGSONG_GB2312.TTF", "仿宋_GB2312.ttf", "simfang.ttf"),
                         ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "方正仿宋_GBK", "FZFangSong-Z02")),
    SONG: OfficeFont(("simsun.ttc", "simsun.ttf"), ("SimSun", "宋体", "方正书宋_GBK")),
    HEI: OfficeFont(("simhei.ttf",), ("SimHei", "黑体", "方正黑体_GBK")),
    KAI: OfficeFont(("KAITI_GB2312.TTF", "楷体_GB2312.ttf", "simkai.ttf"),
                    ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "方正楷体_GBK")),
}

# The open stand-ins under resources/fonts/ (file, family of the face to use inside it, that face's index:
# known, since the files ship with the program; a test checks the index against the family).
BUNDLED_FONTS = {
    TITLE: ("wqy-microhei.ttc", "WenQuanYi Micro Hei", 0),  # a heavy face reads as a title; the light 明体 does not
    FANGSONG: ("uming.ttc", "AR PL UMing CN", 0),
    SONG: ("uming.ttc", "AR PL UMing CN", 0),
    HEI: ("wqy-microhei.ttc", "WenQuanYi Micro Hei", 0),
    KAI: ("LXGWWenKai-Regular.ttf", "LXGW WenKai", 0),
}


@dataclass(frozen=True)
class FontChoice:
    role: str
    name: str  # the name registered with reportlab
    path: Path
    face_index: int
    family: str
    bundled: bool
    own: bool = False  # the office's own file, chosen in the settings

    def describe(self) -> str:
        origin = "内置替代字体" if self.bundled else ("本单位指定" if self.own else "本机字体")
        return f"{ROLE_LABELS[self.role]}：{self.family}（{origin}，{self.path.name}）"

    def substitution(self) -> str:
        """The warning for a role set in a stand-in: 本机未安装仿宋，正文以 … 代替."""
        return f"本机未安装{ROLE_LABELS[self.role]}，{ROLE_USES[self.role]}以 {self.family}（程序自带）代替"


@dataclass(frozen=True)
class FontSet:
    """The registered reportlab font name for each role."""

    choices: dict[str, FontChoice]
    searched: bool = True  # the machine's fonts were looked for (not the bundled-only mode of tests)

    def __getitem__(self, role: str) -> str:
        return self.choices[role].name

    def describe(self) -> list[str]:
        return [self.choices[r].describe() for r in ROLES]

    def substitutions(self) -> list[str]:
        """One line per role the machine lacks and a stand-in replaces (empty in the bundled-only mode)."""
        if not self.searched:
            return []
        return [self.choices[r].substitution() for r in ROLES if self.choices[r].bundled]

    def characters(self) -> Glyphs:
        """Every character at least one of the set's faces can draw."""
        faces = {c.name: getattr(pdfmetrics.getFont(c.name), "face", None) for c in self.choices.values()}
        return Glyphs(tuple(f.charToGlyph for f in faces.values() if f is not None))


# ---------------------------------------------------------------- finding the files


def _family_of(path: Path, index: int) -> str | None:
    """The family name of one face (name table only: a few hundredths of a second), None past the last face."""
    try:
        face = TTFontFile(str(path), charInfo=0, validate=0, subfontIndex=index)
    except (TTFError, OSError, ValueError):
        return None
    return str(face.familyName.decode("utf-8", "replace"))


def _face_index(path: Path, family: str | None) -> int:
    """The face of a .ttc whose family name is `family` (the first face is not always the Simplified one)."""
    if path.suffix.lower() != ".ttc" or not family:
        return 0
    for index in range(64):
        found = _family_of(path, index)
        if found is None:
            return 0
        if found == family:
            return index
    return 0


def _windows_font_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("WINDIR"):
        dirs.append(Path(os.environ["WINDIR"]) / "Fonts")
    if os.environ.get("LOCALAPPDATA"):  # fonts installed for one user only
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def _unix_font_dirs() -> list[Path]:
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local" / "share" / "fonts",
            Path.home() / ".fonts"]


def _override_dirs() -> list[Path] | None:
    value = os.environ.get(FONT_DIRS_ENV)
    if value is None:
        return None
    return [Path(p) for p in value.split(os.pathsep) if p]


def font_dirs() -> list[Path]:
    """The folders searched by file name (the override's when `DUBAN_FONT_DIRS` is set)."""
    override = _override_dirs()
    return override if override is not None else _windows_font_dirs() + _unix_font_dirs()


@functools.lru_cache(maxsize=8)
def _files_in(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Font files under `dirs` by lower-case file name (the first found wins): one walk per process."""
    found: dict[str, Path] = {}
    for folder in dirs:
        for root, _, names in os.walk(folder):
            for name in names:
                if name.lower().endswith(FONT_SUFFIXES):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def _find_in_dirs(font: OfficeFont) -> tuple[Path, str | None] | None:
    files = _files_in(tuple(font_dirs()))
    for name in font.files:
        path = files.get(name.lower())
        if path is not None:
            return path, font.families[0] if path.suffix.lower() == ".ttc" else None
    return None


@functools.lru_cache(maxsize=1)
def _fontconfig() -> dict[str, tuple[Path, int]]:
    """Every TrueType face fontconfig knows, by each of its family names: one `fc-list` call per process."""
    if not shutil.which("fc-list"):
        return {}
    try:
        out = subprocess.run(["fc-list", "--format", "%{family}\t%{file}\t%{index}\t%{fontformat}\n"],
                             capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    faces: dict[str, tuple[Path, int]] = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or parts[3] != "TrueType" or not parts[2].isdigit():
            continue
        for family in parts[0].split(","):
            faces.setdefault(family.strip(), (Path(parts[1]), int(parts[2])))
    return faces


def _find_fontconfig(font: OfficeFont) -> tuple[Path, int] | None:
    if _override_dirs() is not None:
        return None
    faces = _fontconfig()
    return next((faces[f] for f in font.families if f in faces), None)


def own_fonts_dir() -> Path:
    return data_dir() / OWN_FONTS


def own_font(role: str) -> Path | None:
    """The office's own font file for `role`, when one was installed."""
    folder = own_fonts_dir()
    return next((folder / f"{role}{s}" for s in FONT_SUFFIXES if (folder / f"{role}{s}").is_file()), None)


def install_office_font(role: str, source: str | os.PathLike[str]) -> Path:
    """Copy a font file of the office's own into the data folder for `role` (仿宋, 小标宋, …); used from now on."""
    if role not in ROLES:
        role = next((r for r, label in ROLE_LABELS.items() if label == role), role)
    if role not in ROLES:
        raise UserError(f"字体用途应为{'、'.join(ROLE_LABELS.values())}之一，收到“{role}”。")
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix not in FONT_SUFFIXES:
        raise UserError(f"“{path.name}”不是 TrueType 字体文件（.ttf 或 .ttc）。")
    try:
        TTFontFile(str(path), charInfo=0, validate=0)
    except OSError as exc:
        raise UserError(f"无法读取字体文件“{path}”：{os_error_text(exc)}") from None
    except (TTFError, ValueError) as exc:
        raise UserError(f"字体文件“{path.name}”无法使用（{exc}）：请选 TrueType 轮廓的 .ttf 或 .ttc 文件。") from None
    folder = own_fonts_dir()
    target = folder / f"{role}{suffix}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f".{role}{suffix}.part"
        shutil.copyfile(path, part)
        for other in FONT_SUFFIXES:
            (folder / f"{role}{other}").unlink(missing_ok=True)
        os.replace(part, target)
    except OSError as exc:
        raise UserError(f"无法把字体文件复制到“{folder}”：{os_error_text(exc)}") from None
    _load.cache_clear()
    return target


def remove_office_font(role: str) -> bool:
    """Forget the office's own font for `role` (the machine's or the bundled one is used again)."""
    removed = False
    for suffix in FONT_SUFFIXES:
        path = own_fonts_dir() / f"{role}{suffix}"
        if path.is_file():
            path.unlink()
            removed = True
    _load.cache_clear()
    return removed


# ---------------------------------------------------------------- parsing, once


_REGISTERED: list[str] = []  # every face registered, in order: the fallbacks for a character a face lacks


def registered_fonts() -> tuple[str, ...]:
    return tuple(_REGISTERED)


class Glyphs(Collection[str]):
    """The characters some faces have glyphs for, asked of their character maps directly: making a set of a
    CJK face's 30,000 characters took a notice command 40–70 ms."""

    def __init__(self, maps: tuple[Mapping[int, int], ...]) -> None:
        self._maps = maps
        self._known: dict[object, bool] = {}  # the answers so far (a notice asks about a few hundred characters)

    def __contains__(self, ch: object) -> bool:
        known = self._known.get(ch)
        if known is None:
            known = self._known[ch] = isinstance(ch, str) and len(ch) == 1 and any(ord(ch) in m for m in self._maps)
        return known

    def __iter__(self) -> Iterator[str]:
        return map(chr, dict.fromkeys(code for m in self._maps for code in m))

    def __len__(self) -> int:
        return len(dict.fromkeys(code for m in self._maps for code in m))


@functools.lru_cache(maxsize=None)
def characters(font_name: str) -> Glyphs | None:
    """Every character a registered TrueType face has a glyph for (None for reportlab's built-in fonts)."""
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    return Glyphs((face.charToGlyph,)) if face is not None else None


def _cache_key(path: Path, index: int) -> str:
    stat = path.stat()
    return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{index}|{reportlab.Version}|{_CACHE_FORMAT}"


def _cache_file(key: str) -> Path:
    return data_dir() / CACHE / (hashlib.sha1(key.encode("utf-8")).hexdigest()[:24] + ".pickle")


def _font_bytes(path: Path) -> bytes | mmap.mmap:
    """The font file's bytes for reportlab to slice tables from: mapped, not read (a notice touches a few MB of
    the 42 MB of the bundled faces; reading them all took a command 70 ms). The office's own files are read:
    a mapped file could not be replaced by `install_office_font` on Windows while the program runs."""
    if own_fonts_dir() in path.parents:
        return path.read_bytes()
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _face_from_cache(path: Path, index: int, key: str) -> TTFontFace | None:
    try:
        with open(_cache_file(key), "rb") as handle:
            saved = pickle.load(handle)
        if saved.get("key") != key:
            return None
        data = _font_bytes(path)
    except Exception:  # noqa: BLE001 - a missing, old or damaged cache file: parse the font again
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(saved["state"])
    face._ttf_data = data
    upem = face.unitsPerEm
    face._pdfScale = (lambda x: x) if upem == 1000 else functools.partial(operator.mul, 1000 / upem)
    return face


# The file's bytes (read again), a lambda (made again), our per-process table cache, and the glyph → characters
# map only the parsing itself uses.
_NOT_CACHED = frozenset({"_ttf_data", "_pdfScale", "get_table", "glyphToChar"})


class HMetrics:
    """A face's horizontal metrics, (advance, left side bearing) per glyph, kept in two arrays: reportlab's
    list of 50 000 tuples took a third of the time to load a face from the cache. Subsetting, their only
    reader, takes whole numbers of them (`int(aw)`), so they are kept as floats."""

    def __init__(self, advances: array[float], bearings: array[float]) -> None:
        self._advances, self._bearings = advances, bearings

    @classmethod
    def of(cls, pairs: list[tuple[float, float]]) -> HMetrics:
        return cls(array("d", (p[0] for p in pairs)), array("d", (p[1] for p in pairs)))

    def __len__(self) -> int:
        return len(self._advances)

    def __getitem__(self, glyph: int) -> tuple[float, float]:
        return self._advances[glyph], self._bearings[glyph]

    def __reduce__(self) -> tuple[type[HMetrics], tuple[array[float], array[float]]]:
        return HMetrics, (self._advances, self._bearings)


def _packed(name: str, value: object) -> object:
    """A parsed face's attribute as the cache keeps it (the long lists as arrays, loaded 5–10× faster)."""
    if name == "hmetrics" and isinstance(value, list):
        return HMetrics.of(value)
    if name == "glyphPos" and isinstance(value, list):
        return array("q", value)
    return value


def _save_face(face: TTFontFace, key: str) -> None:
    state = {k: _packed(k, v) for k, v in face.__dict__.items() if k not in _NOT_CACHED}
    data = pickle.dumps({"key": key, "state": state}, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        write_atomic(_cache_file(key), data)
    except UserError as exc:  # a read-only data folder: the next run parses again, nothing worse
        log.info("字体缓存无法写入：%s", exc.message)


def parsed_face(path: Path, index: int) -> TTFontFace:
    """reportlab's parsed face of one font file, from the cache when the file has not changed since."""
    key = _cache_key(path, index)
    face = _face_from_cache(path, index, key)
    if face is None:
        face = TTFontFace(str(path), validate=0, subfontIndex=index)
        _save_face(face, key)
    return face


def _font_of(name: str, face: TTFontFace) -> TTFont:
    """A reportlab TTFont over an already parsed face (what `TTFont.__init__` does after parsing)."""
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = False  # no text shaping: Chinese needs none, and it would need uharfbuzz
    return font


SUBSETS_KEPT = 32  # per face: the font programs of the last few glyph sets (100–300 KB each)


def _reused_subsets(make: Callable[[list[int]], bytes]) -> Callable[[list[int]], bytes]:
    """`makeSubset` remembering its last results: the notices of a batch share their headings, labels and
    table heads, so a face used only for those (黑体, 楷体) embeds the same glyphs in the same order again."""
    kept: OrderedDict[tuple[int, ...], bytes] = OrderedDict()

    def make_subset(subset: list[int]) -> bytes:
        key = tuple(subset)
        data = kept.get(key)
        if data is None:
            data = kept[key] = make(subset)
            if len(kept) > SUBSETS_KEPT:
                kept.popitem(last=False)
        else:
            kept.move_to_end(key)
        return data

    return make_subset


@functools.lru_cache(maxsize=None)
def _registered(path: Path, index: int) -> TTFont | None:
    """One reportlab font per face, shared by the roles that use it."""
    name = f"Duban-{path.stem}-{index}"
    try:
        font = _font_of(name, parsed_face(path, index))
    except (TTFError, OSError, ValueError) as exc:  # CFF outlines, a broken file: the caller tries the next one
        log.warning("字体 %s 无法使用：%s", path, exc)
        return None
    # Every PDF embeds a subset of the face, and reportlab copies whole tables out of the font file for each
    # subset (the glyf table of a CJK face is 10-20 MB): keep each table once per process instead.
    font.face.get_table = functools.lru_cache(maxsize=None)(font.face.get_table)
    font.face.makeSubset = _reused_subsets(font.face.makeSubset)
    pdfmetrics.registerFont(font)
    _REGISTERED.append(name)
    return font


def _register(role: str, path: Path, family: str | None, bundled: bool, *, index: int | None = None,
              own: bool = False) -> FontChoice | None:
    index = _face_index(path, family) if index is None else index
    font = _registered(path, index)
    if font is None:
        return None
    actual = font.face.familyName.decode("utf-8", "replace")
    return FontChoice(role, font.fontName, path, index, actual, bundled, own)


def _system_choice(role: str) -> FontChoice | None:
    own = own_font(role)
    if own is not None:
        choice = _register(role, own, None, bundled=False, index=0, own=True)
        if choice:
            return choice
    found = _find_in_dirs(OFFICE_FONTS[role])
    if found:
        choice = _register(role, found[0], found[1], bundled=False)
        if choice:
            return choice
    configured = _find_fontconfig(OFFICE_FONTS[role])
    if configured:
        return _register(role, configured[0], None, bundled=False, index=configured[1])
    return None


def _choose(role: str, use_system: bool) -> FontChoice:
    if use_system:
        choice = _system_choice(role)
        if choice:
            return choice
    file_name, family, index = BUNDLED_FONTS[role]
    path = resource_path("fonts", file_name)
    choice = _register(role, path, family, bundled=True, index=index) if path.is_file() else None
    if choice is None:
        raise UserError(f"找不到可用的{ROLE_LABELS[role]}字体：本机没有，内置字体 {path} 也缺失或损坏，请重新安装程序")
    return choice


@functools.lru_cache(maxsize=2)
def _load(use_system: bool) -> FontSet:
    return FontSet({role: _choose(role, use_system) for role in ROLES}, searched=use_system)


_ANNOUNCED: set[str] = set()


def announce(fonts: FontSet, stream: TextIO | None = None) -> None:
    """Name each stand-in on standard error, once per run."""
    for line in fonts.substitutions():
        if line not in _ANNOUNCED:
            _ANNOUNCED.add(line)
            print(f"提示：{line}", file=stream or sys.stderr)


def _use_system(use_system: bool | None) -> bool:
    if use_system is None:
        return os.environ.get(BUNDLED_ONLY_ENV, "") not in ("1", "true", "yes")
    return use_system


def load_fonts(use_system: bool | None = None, *, quiet: bool = False) -> FontSet:
    """Find and register the five fonts once per process (reportlab's registry is global anyway).

    `use_system=None` honours the `DUBAN_BUNDLED_FONTS_ONLY` environment variable. Unless `quiet`, each
    stand-in is named once per run on standard error.
    """
    fonts = _load(_use_system(use_system))
    if not quiet:
        announce(fonts)
    return fonts


def substitutions(use_system: bool | None = None) -> list[str]:
    """For the window: the roles this machine lacks and the stand-ins used instead (empty when none)."""
    return _load(_use_system(use_system)).substitutions()


def substitution_note(use_system: bool | None = None) -> str:
    """The stand-ins in one paragraph for a dialog ("" when the machine has every official font)."""
    lines = substitutions(use_system)
    if not lines:
        return ""
    return "；".join(lines) + "。可在“设置”中或用命令 fonts --set 指定本单位的字体文件。"


def reset() -> None:
    """Search again (after the office installed a font, or in tests after changing the font folders)."""
    _load.cache_clear()
    _files_in.cache_clear()
    _fontconfig.cache_clear()
    _ANNOUNCED.clear()


def describe_fonts(use_system: bool | None = None) -> list[str]:
    return _load(_use_system(use_system)).describe()

