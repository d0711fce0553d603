"""Printing a notice's PDF as it is: the platform's own way to send a PDF file to a printer, or a copy of the
file ("print to a PDF file"), never pages turned into images.

- Windows: the shell's print verb (`os.startfile(path, "print")`, or "printto" with a printer's name), which
  hands the file to the PDF reader the machine has registered for printing;
- Linux, macOS and other CUPS systems: `lp [-d PRINTER] -- FILE` (CUPS prints PDF natively);
- neither: `direct_method()` is None and the window falls back to drawing the pages through Qt.

Printing to a file copies the PDF (text stays text: 2–3 MB of vectors instead of 13–19 MB of 1200-dpi images).
`print_files` is a job for a worker thread: it yields `(percent, message)` between files and returns what it did.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Generator, Sequence
from pathlib import Path

from app.errors import UserError, os_error_text

LP_TIMEOUT_S = 60
WINDOWS, CUPS = "windows", "lp"


def direct_method() -> str | None:
    """How this machine sends a PDF file itself to a printer: "windows", "lp", or None (no way known)."""
    if sys.platform == "win32" and hasattr(os, "startfile"):
        return WINDOWS
    if shutil.which("lp"):
        return CUPS
    return None


def send_to_printer(path: Path | str, printer: str | None = None) -> str:
    """Send the PDF to `printer` (None: the default printer); returns what the spooler said (may be empty)."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到要打印的文件“{path}”。")
    method = direct_method()
    if method == WINDOWS:
        startfile = getattr(os, "startfile")  # Windows only
        try:
            if printer:
                startfile(str(path), "printto", f'"{printer}"')
            else:
                startfile(str(path), "print")
        except OSError as exc:
            raise UserError(f"无法把“{path.name}”交给打印机：{os_error_text(exc)}。"
                            "请确认本机装有能打印 PDF 的阅读器。") from None
        return ""
    if method == CUPS:
        command = ["lp", *(["-d", printer] if printer else []), "--", str(path)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=LP_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise UserError(f"打印“{path.name}”超时：打印服务 {LP_TIMEOUT_S} 秒内没有响应。") from None
        except OSError as exc:
            raise UserError(f"无法启动打印命令 lp：{os_error_text(exc)}") from None
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            raise UserError(f"打印“{path.name}”失败：{said[-1] if said else f'lp 返回 {done.returncode}'}")
        return done.stdout.strip()
    raise UserError("本机没有可直接打印 PDF 文件的方式（Windows 打印或 CUPS 的 lp 命令）。")


def print_to_file(source: Path | str, target: Path | str) -> Path:
    """"Print to a PDF file": a copy of the PDF itself (vector text, same pages); `.pdf` is added if missing."""
    source, target = Path(source), Path(target)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    if target.exists() and target.samefile(source):
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    except OSError as exc:
        raise UserError(f"无法打印到文件“{target}”：{os_error_text(exc)}") from None
    return target


def print_files(paths: Sequence[Path | str], *, printer: str | None = None, to_file: Path | str | None = None
                ) -> Generator[tuple[int, str], None, list[str]]:
    """Print each file in turn (to `printer`, or into the folder / file `to_file`); yields progress, returns
    one line per file saying where it went. A folder `to_file` keeps each file's name."""
    done: list[str] = []
    total = len(paths)
    for index, path in enumerate(paths):
        path = Path(path)
        yield int(100 * index / max(total, 1)), f"正在打印 {path.name}（{index + 1}/{total}）"
        if to_file is not None:
            target = Path(to_file)
            if target.is_dir() or total > 1:
                target = target / path.name
            done.append(str(print_to_file(path, target)))
        else:
            said = send_to_printer(path, printer)
            done.append(f"{path.name} → {printer or '默认打印机'}{('：' + said) if said else ''}")
    yield 100, "打印完成"
    return done
