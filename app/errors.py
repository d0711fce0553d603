"""Errors a user must read (a clear Chinese message, no traceback), as distinct from bugs.

Anything raised as a `UserError` is shown as one line on standard error by the command line and as a
message box by the window; every other exception is a bug and goes to the log and the crash dialog.
"""

import errno as errno_names
import os


class UserError(Exception):
    """A problem with the user's input or environment: bad file, locked database, unknown unit..."""

    def __init__(self, message: str, *, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class UnreadableDocument(UserError):
    """A plan document that cannot be read (wrong format, corrupt, empty, no text layer)."""


class StoreError(UserError):
    """The database cannot be used as asked: locked, read-only, corrupt, from a newer version..."""


# errno → the reason in Chinese. Names, not numbers: the numbers differ between Linux, macOS and Windows.
_ERRNO_TEXT: dict[str, str] = {
    "ENOENT": "找不到这个文件或文件夹",
    "EISDIR": "这是一个文件夹，不是文件",
    "ENOTDIR": "路径中有一级是文件，不是文件夹",
    "EEXIST": "已有同名的文件或文件夹",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "ENOSPC": "磁盘已满",
    "EDQUOT": "超出了磁盘配额",
    "EROFS": "所在的磁盘是只读的",
    "EFBIG": "文件太大",
    "ENAMETOOLONG": "文件名或路径太长",
    "ENOTEMPTY": "文件夹不是空的",
    "EBUSY": "文件正被占用",
    "ETXTBSY": "文件正被占用",
    "EAGAIN": "文件暂时无法访问，请稍后再试",
    "EMFILE": "同时打开的文件太多",
    "ENFILE": "同时打开的文件太多",
    "EIO": "磁盘读写出错（设备可能已拔出或损坏）",
    "ENODEV": "设备不存在或已拔出",
    "ENXIO": "设备不存在或已拔出",
    "ELOOP": "路径中的快捷方式（符号链接）循环指向自己",
    "EXDEV": "不能跨磁盘移动",
    "EINVAL": "文件名或路径无效",
    "ENOMEM": "内存不足",
    "ETIMEDOUT": "访问超时（网络磁盘可能已断开）",
    "ESTALE": "网络磁盘上的文件已失效，请重新连接",
}
# Windows reports some cases only through `winerror`.
_WINERROR_TEXT: dict[int, str] = {
    5: "没有权限",
    32: "文件正被另一个程序使用",
    33: "文件的一部分被另一个程序锁定",
    112: "磁盘已满",
    123: "文件名或路径无效",
    1920: "系统无法访问这个文件",
}


def os_error_text(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese (never the system's English `strerror`).

    Used wherever the command line or the window turns an `OSError` into a message; the caller names the file.
    """
    by_windows = _WINERROR_TEXT.get(getattr(exc, "winerror", None) or 0)
    if by_windows:
        return by_windows
    if exc.errno is not None:
        name = errno_names.errorcode.get(exc.errno, "")
        if name == "EEXIST" and exc.filename:  # e.g. a folder to make where a file of that name is
            return f"已有同名的{'文件夹' if os.path.isdir(exc.filename) else '文件'}“{exc.filename}”"
        return _ERRNO_TEXT.get(name, f"操作系统报告错误（错误号 {exc.errno}）")
    text = str(exc.args[0]) if exc.args else ""
    if text and not any("a" <= ch.lower() <= "z" for ch in text):
        return text  # raised by this program with a Chinese message
    return "读写文件出错"


def os_user_error(exc: OSError) -> UserError:
    """An `OSError` no caller turned into a message, as a `UserError` naming the file it concerns."""
    reason = os_error_text(exc)
    named = exc.filename and str(exc.filename) not in reason
    message = f"无法访问“{exc.filename}”：{reason}" if named else f"无法完成操作：{reason}"
    return UserError(message, detail=str(exc))
