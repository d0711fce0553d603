"""What the About dialog shows: the version, and the licences of the bundled fonts and libraries.

Plain text and small records, no Qt: the dialog (app/ui) and `duban about` (app/cli/about.py) both
render it. Libraries are found by walking the program's requirements through the installed package
metadata, which the PyInstaller spec copies into the bundle, so the list is the same from source and
from an installed build.
"""
from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app import __version__
from app.paths import resource_path
from app.project import is_extra_requirement, requirement_name, runtime_requirements

PROGRAM_NAME = "督办台"
FONT_SUFFIXES = {".ttf", ".ttc", ".otf"}
# Files in resources/fonts/ that carry licence texts or the list of faces rather than fonts.
_LICENCE_HINTS = ("licen", "copying", "copyright", "ofl", "readme", "notice")
_LONG_LICENCE = 80  # a `License:` field longer than this is a whole text, not a name


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str


@dataclass(frozen=True)
class FontFile:
    name: str
    size_bytes: int


def _licence_of(meta: metadata.PackageMetadata) -> str:
    """The shortest faithful name of a distribution's licence from its metadata."""
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.rsplit("::", 1)[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= _LONG_LICENCE:
        return text
    return "未注明（见该库随附的许可文本）"


def libraries() -> list[Library]:
    """Every installed distribution the program depends on, directly or not, sorted by name."""
    found: dict[str, Library] = {}
    pending = [requirement_name(r) for r in runtime_requirements()]
    while pending:
        name = pending.pop()
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python version
        found[name] = Library(dist.metadata["Name"], dist.version, _licence_of(dist.metadata))
        pending.extend(requirement_name(r) for r in dist.requires or [] if not is_extra_requirement(r))
    return sorted(found.values(), key=lambda lib: lib.name.lower())


def _fonts_dir() -> Path:
    return resource_path("fonts")


def font_files() -> list[FontFile]:
    folder = _fonts_dir()
    if not folder.is_dir():
        return []
    return [FontFile(p.name, p.stat().st_size) for p in sorted(folder.iterdir())
            if p.suffix.lower() in FONT_SUFFIXES]


def font_licence_files() -> list[Path]:
    """Licence texts (and the list of faces) shipped beside the fonts, for the dialog to show in full."""
    folder = _fonts_dir()
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() not in FONT_SUFFIXES
            and any(hint in p.name.lower() for hint in _LICENCE_HINTS)]


def about_text() -> str:
    """The whole About text in Chinese, one item a line."""
    lines = [f"{PROGRAM_NAME} 版本 {__version__}", "离线运行，不联网。", ""]
    lines.append("随附字体：")
    fonts = font_files()
    lines += [f"  {f.name}（{f.size_bytes / 1_048_576:.1f} MB）" for f in fonts] or ["  （无，使用系统字体）"]
    licence_files = font_licence_files()
    if licence_files:
        lines.append("  字体许可文本：" + "、".join(p.name for p in licence_files) + "（见 resources/fonts/）")
    lines += ["", "随附程序库及其许可："]
    lines.append(f"  Python {platform.python_version()}：PSF-2.0")
    lines += [f"  {lib.name} {lib.version}：{lib.licence}" for lib in libraries()]
    return "\n".join(lines)
