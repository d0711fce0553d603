"""`duban about`: the version and the licences of the bundled fonts and libraries (the About dialog's text)."""
from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("about", help="显示版本号以及随附字体和程序库的许可")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from app.about import about_text

    print(about_text())
    return 0
