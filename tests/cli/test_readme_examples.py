"""The README's command-line examples run as written from a fresh clone: each goes through scripts/run.sh (which
installs into .venv, so no ModuleNotFoundError from a bare `python`), names a real subcommand, and its options
parse with placeholders filled in."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from app.__main__ import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
RUN = "bash scripts/run.sh "
PLACEHOLDERS = {"FILE...": "plan.txt", "FILE": "plan.txt", "PATH": "duban.sqlite3", "ID": "1", "名称": "市场监管局",
                "天数": "30", "YYYY-MM-DD": "2026-01-01", "F.pdf": "out.pdf", "DIR": "out", "BACKUP": "b.sqlite3",
                "OUT.png": "shot.png"}


def _examples() -> list[str]:
    spans = [s.replace("\\|", "|") for s in re.findall(r"`([^`\n]+)`", README)]
    return [s for s in spans if s.startswith(RUN) and s != f"{RUN}子命令 …"]


def _argv(example: str) -> list[str]:
    """The example with each optional part kept, the first of each choice, and placeholders filled in."""
    words = shlex.split(example[len(RUN):].replace("[", "").replace("]", ""))
    return [PLACEHOLDERS.get(w, w.split("|")[0]) for w in words]


def test_every_command_line_example_goes_through_run_sh():
    bare = [s for s in re.findall(r"`([^`\n]+)`", README) if re.match(r"python3? (main\.py |benchmarks/)", s)]
    assert bare == [], "a bare python has none of the dependencies; use bash scripts/run.sh or .venv/bin/python"
    assert len(_examples()) >= 13
    assert (ROOT / "scripts" / "run.sh").exists()


@pytest.mark.parametrize("example", _examples())
def test_example_parses(example):
    argv = _argv(example)
    if argv[-1] == "-h":
        return  # prints help: tested with the parser's own messages
    args = build_parser().parse_args(argv)
    assert args.command == argv[0]
