"""Writing notice PDFs so that a numbered file never exists without its register row.

A PDF is first written under a temporary name in its own folder (`.~duban-<pid>-<name>.part`) and given its
final name only once the transaction recording its number has committed (`StagedFiles.publish`); when the
transaction does not commit every staged file is removed (`StagedFiles.discard`). A process killed on the
way leaves `.part` files only, which `stale_parts` finds at the next start (those of processes no longer
running) so that they can be removed, or given their final names when the register already records them. File names made from user text go through `safe_file_part`.
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from pathlib import Path

from app.errors import UserError, os_error_text

PART_PREFIX = ".~duban-"
PART_SUFFIX = ".part"
_PART = re.compile(rf"^{re.escape(PART_PREFIX)}(\d+)-.+{re.escape(PART_SUFFIX)}$", re.DOTALL)

MAX_FILE_PART = 40  # characters of user text in a file name (a unit's name): 120 bytes of UTF-8 at most
_UNSAFE = re.compile(r'[\\/:*?"<>|]+')


def safe_file_part(text: str) -> str:
    """A piece of a file name made from user text (a unit's name).

    No character Windows or a path would refuse, no control or format character (C0/C1 controls, bidi
    overrides such as U+202E that would show a name reversed, zero-width marks), no surrogate or private-use
    character, no leading or trailing dots and spaces; at most `MAX_FILE_PART` characters; `_` when nothing is left.
    """
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    cut = _UNSAFE.sub("_", kept)[:MAX_FILE_PART].strip(" .")
    return cut or "_"


def part_path(target: Path) -> Path:
    """The temporary name of `target` while this process writes it (in the same folder, so renaming is atomic)."""
    return target.with_name(f"{PART_PREFIX}{os.getpid()}-{target.name}{PART_SUFFIX}")


def _write_error(target: Path, exc: OSError) -> UserError:
    return UserError(f"无法写入“{target}”：{os_error_text(exc)}")


def write_part(target: Path, data: bytes) -> Path:
    """`data` written under `target`'s temporary name (folders made as needed); returns that name."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a folder that cannot be made or written: the user's to fix, not a bug
        raise _write_error(target, exc) from exc
    part = part_path(target)
    try:
        with open(part, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise _write_error(target, exc) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part


def check_target(target: Path) -> None:
    """Fail at once, before anything is drawn or numbered, when `target` cannot be written.

    An empty temporary file is written in its folder and removed again; folders made for it are removed too
    (they are made again when the file is written), so that a notice refused later leaves nothing behind.
    """
    if target.is_dir():
        raise UserError(f"无法写入“{target}”：这是一个文件夹，不是文件")
    made = []
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        made.append(folder)
        folder = folder.parent
    try:
        write_part(target, b"").unlink(missing_ok=True)
    finally:
        for folder in made:  # deepest first
            try:
                folder.rmdir()
            except OSError:
                break


def write_atomic(target: Path, data: bytes) -> Path:
    """A file a reader never sees half written; a failure leaves nothing behind."""
    part = write_part(target, data)
    try:
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise _write_error(target, exc) from exc
    return target


class StagedFiles:
    """Files written under temporary names, published (renamed to their final names) only after a commit."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temporary, final)

    def write(self, target: Path, data: bytes) -> None:
        self._staged.append((write_part(target, data), target))

    def discard(self) -> None:
        """Remove every file staged so far (the transaction did not commit)."""
        for part, _ in self._staged:
            part.unlink(missing_ok=True)
        self._staged.clear()

    NOTICE_FAILURE = "通知已编号登记，但文件“{target}”无法写入（{error}）；可用 register --recreate 编号 重新生成。"

    def publish(self, failure: str = NOTICE_FAILURE) -> None:
        """Give each file its final name; a file that cannot be renamed is removed, and the first such is reported
        (`failure`, with {target} and {error}) after the others have their names."""
        failed: list[tuple[Path, OSError]] = []
        for part, target in self._staged:
            try:
                os.replace(part, target)
            except OSError as exc:
                part.unlink(missing_ok=True)
                failed.append((target, exc))
        self._staged.clear()
        if failed:
            target, error = failed[0]
            raise UserError(failure.format(target=target, error=os_error_text(error)))


def pid_alive(pid: int) -> bool:
    """Whether a process of this id runs on this machine (ours, or another user's)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill would end the process there
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def final_path(part: Path) -> Path:
    """The name a temporary file was to get (`part_path` undone)."""
    match = _PART.match(part.name)
    if not match:
        raise ValueError(f"not a temporary notice file: {part}")
    return part.with_name(part.name[len(PART_PREFIX) + len(match.group(1)) + 1:-len(PART_SUFFIX)])


def stale_parts(folder: Path) -> list[Path]:
    """Our own temporary files in `folder` whose writing process no longer runs (killed, or the machine stopped)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:  # no such folder yet, or not readable: nothing of ours there
        return []
    stale = []
    for entry in entries:
        match = _PART.match(entry.name)
        if match and entry.is_file(follow_symlinks=False) and not pid_alive(int(match.group(1))):
            stale.append(Path(entry.path))
    return sorted(stale)
