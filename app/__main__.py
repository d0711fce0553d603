"""Command line and program start.

With no subcommand the desktop window opens (Qt is imported only then, so the command line pays no Qt
start-up). Each group of subcommands lives in its own module under `app/cli/` and registers itself here.
A `UserError` becomes one line on standard error and exit status 2; anything else is a bug and keeps
its traceback (and, in the window, the crash dialog).
"""
from __future__ import annotations

import argparse
import logging
import os
import sys

from app.cli.parser import ChineseParser
from app.errors import UserError, os_user_error

# Modules under app/cli/ that add subcommands; each has `register(subparsers)`.
CLI_MODULES = ("app.cli.extract", "app.cli.store_cmds", "app.cli.notice_cmds", "app.cli.task_cmds",
               "app.cli.profile_cmd", "app.cli.ledger_cmd", "app.cli.about", "app.cli.font_cmd")


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help="数据库文件路径（默认在用户数据目录）")
    parser.add_argument("--screenshot", metavar="OUT.png", help="打开主窗口、截图保存后退出")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = ChineseParser(
        prog="duban",
        description="督办台：读取实施方案、跟踪任务落实、生成督办通知。不带子命令时打开桌面程序。",
    )
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in CLI_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's own options when no subcommand is given, else None.

    Opening the window then skips building the full parser, which imports every command-line module (and with
    them reportlab, pypdf, numpy…): about half a second of start-up the window does not need.
    """
    light = ChineseParser(prog="duban", add_help=False)
    _add_global_options(light)
    args, rest = light.parse_known_args(argv)
    if rest:
        return None
    args.command = None
    return args


def configure_logging(*, verbose: bool) -> None:
    """The program's own warnings on standard error; libraries' (pdfminer's font and colour complaints, in
    English) only when they are errors, unless `-v` asks for everything."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.ERROR,
                        format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("app").setLevel(logging.DEBUG if verbose else logging.WARNING)


NO_DISPLAY = ("未检测到图形界面（DISPLAY）：请在桌面环境中启动督办台；远程登录时可用 ssh -X，"
              "或只用命令行子命令（duban -h 列出全部子命令）。")


def ensure_display(*, screenshot: bool) -> None:
    """Before Qt loads: on Linux without an X or Wayland display, a picture is drawn offscreen and a window is
    refused with a Chinese line (Qt itself would abort, blaming a missing xcb library)."""
    if not sys.platform.startswith("linux"):
        return
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    if not screenshot:
        raise UserError(NO_DISPLAY)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "default.warning=false")  # offscreen's "does not support …" lines


def _configure_stdio() -> None:
    # Chinese must print on a Windows console or a C-locale pipe as well.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    _configure_stdio()
    args = _window_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv)
    configure_logging(verbose=args.verbose)
    try:
        if args.command is None:
            ensure_display(screenshot=bool(args.screenshot))
            from app.ui.application import run_gui  # late import: Qt only for the window

            return run_gui(db=args.db, screenshot=args.screenshot)
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the machine's (a full disk, a missing folder), said in Chinese: never strerror
        print(f"错误：{os_user_error(exc).message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
