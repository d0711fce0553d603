"""Every subcommand the command line registers (app/cli/parser.add_command), nested ones too: a Chinese line in
its parent's help, `-h` prints its Chinese help and exits 0, and it runs a command."""
from __future__ import annotations

import argparse
import re

import pytest

from app.__main__ import build_parser, main

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(path, its parser, its line in the parent's help) for every subcommand under `parser`, depth first."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            lines = {a.dest: a.help for a in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub, lines.get(name)
                yield from _subcommands(sub, (*path, name))


SUBCOMMANDS = [(path, sub, line) for path, sub, line in _subcommands(build_parser())]


def test_the_walk_finds_the_nested_subcommands():
    paths = {" ".join(path) for path, _, _ in SUBCOMMANDS}
    assert {"import", "due", "notice", "progress", "ledger", "profile", "about", "fonts", "extract", "feedback",
            "feedback export", "feedback import", "feedback status"} <= paths


@pytest.mark.parametrize("path, sub, line", SUBCOMMANDS, ids=[" ".join(p) for p, _, _ in SUBCOMMANDS])
def test_every_subcommand_has_a_chinese_help_line_and_a_help(path, sub, line, capsys):
    assert line and CHINESE.search(line), (path, line)
    has_subcommands = any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
    assert has_subcommands or callable(sub.get_default("func")), path
    with pytest.raises(SystemExit) as stop:
        main([*path, "-h"])
    out, err = capsys.readouterr()
    assert (stop.value.code, err) == (0, "")
    assert out.startswith(f"用法：duban {' '.join(path)} ") and "显示本帮助并退出" in out
