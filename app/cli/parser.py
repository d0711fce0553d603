"""argparse in Chinese: its usage, help, and error messages.

argparse looks its English strings up through the module-level `_` / `ngettext` (gettext hooks). While a
`ChineseParser` builds itself, parses or prints help, those two hooks answer from the table below; the rest of
the process keeps argparse as it was. An error is one line on standard error and exit status 2, like every
other user error of the command line.
"""
from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

# argparse's English (Python 3.10–3.13 wordings) → Chinese. `%` fields keep argparse's names.
_ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",  # Python 3.9
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必须给出的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数“%s”",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r 不是可选的值（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "%(value)r 不是可选的值，是否指 %(closest)r？（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "expected one argument": "后面应有一个值",
    "expected at most one argument": "后面最多有一个值",
    "expected at least one argument": "后面至少应有一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可选：%(choices)s）",
    "option '%(option)s' is deprecated": "选项“%(option)s”已不再使用",
    "command '%(parser_name)s' is deprecated": "命令“%(parser_name)s”已不再使用",
}
_ZH_PLURAL: dict[str, str] = {
    "expected %s argument": "后面应有 %s 个值",
}


def _zh(message: str) -> str:
    return _ZH.get(message, message)


def _zh_n(singular: str, plural: str, n: int) -> str:
    return _ZH_PLURAL.get(singular, singular if n == 1 else plural)


@contextlib.contextmanager
def _chinese() -> Iterator[None]:
    """argparse's gettext hooks answering in Chinese for the duration (the command line is single-threaded)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _zh, _zh_n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def integer(text: str) -> int:
    """An argparse `type` for whole numbers; its name is what a bad value's message calls it."""
    return int(text)


integer.__name__ = "整数"

DB_HELP = "数据库文件路径（默认在用户数据目录）"


def add_command(subparsers: argparse._SubParsersAction[Any], name: str, func: Callable[[argparse.Namespace], int],
                help_text: str, *, db: bool = True, description: bool = True) -> argparse.ArgumentParser:
    """Register the subcommand `name`, run by `func`: `help_text` is its line in the parent's help and (unless
    `description` is False) heads its own; `--db PATH` comes first among its options unless `db` is False (the
    database may be named before the subcommand or after it)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=help_text, **({"description": help_text} if description else {}))
    if db:
        parser.add_argument("--db", dest="sub_db", metavar="PATH", help=DB_HELP)
    parser.set_defaults(func=func)
    return parser


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Chinese (its subcommands' parsers are too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _chinese():  # group titles and -h's help are looked up here
            super().__init__(*args, **kwargs)

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        with _chinese():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        with _chinese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with _chinese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        """One Chinese line on standard error, exit status 2 (no English `prog: error:` and usage block)."""
        with _chinese():
            message = _zh(message)
        self.exit(2, f"错误：{message}。用“{self.prog} -h”查看用法。\n")
