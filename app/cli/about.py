"""`duban about`: the version and the licences of the bundled fonts and libraries (the About dialog's text)."""
from __future__ import annotations

import argparse

from app.cli.parser import add_command


def register(subparsers: argparse._SubParsersAction) -> None:
    add_command(subparsers, "about", _run, "显示版本号以及随附字体和程序库的许可", db=False, description=False)


def _run(args: argparse.Namespace) -> int:
    from app.about import about_text

    print(about_text())
    return 0
