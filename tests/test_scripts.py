"""scripts/bootstrap.sh says what it is doing: one Chinese line a step on standard error, the tools' own output only
when a step fails, nothing at all when everything is installed. Run against stand-ins for apt-get, dpkg and
Python (the real install takes minutes and a package index), in a copy holding only what the script reads."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A stand-in for python3 and for .venv/bin/python: makes the venv, and floods standard output as pip does.
FAKE_PYTHON = """#!/usr/bin/env bash
if [ "$1" = "--version" ]; then echo "Python 3.11.0"; exit 0; fi
if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && exit 0; fi
if [ "$1 $2" = "-m pip" ]; then
  for i in $(seq 300); do echo "Collecting package-$i"; done
  if [ -n "${FAKE_PIP_FAIL:-}" ]; then echo "ERROR: No matching distribution found for PySide6" >&2; exit 1; fi
  exit 0
fi
exit 3
"""
FAKE_TOOLS = {
    "dpkg": "#!/bin/sh\ntest -f \"$FAKE_APT_LOG\"\n",  # every system package missing until apt-get ran
    "apt-get": "#!/bin/sh\necho \"apt-get $*\" >> \"$FAKE_APT_LOG\"\nfor i in $(seq 100); do echo Get:$i; done\n",
    "sudo": "#!/bin/sh\nexec \"$@\"\n",
}


def _executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def checkout(tmp_path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", repo / "scripts")
    shutil.copy(ROOT / "pyproject.toml", repo)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in FAKE_TOOLS.items():
        _executable(bin_dir / name, text)
    python = _executable(tmp_path / "python-stand-in", FAKE_PYTHON)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHON": str(python), "LANG": "C.UTF-8",
           "FAKE_APT_LOG": str(tmp_path / "apt.log"), "HOME": str(tmp_path)}
    return repo, env


def _bootstrap(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(repo / "scripts" / "bootstrap.sh"), "run"], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=60)


def test_each_step_is_one_chinese_line_then_silence(checkout):
    repo, env = checkout
    first = _bootstrap(repo, env)
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""  # standard output is main.py's
    lines = first.stderr.splitlines()
    assert all(line.startswith("督办台安装：") for line in lines), first.stderr
    steps = ["系统库", "虚拟环境", "pip", "Python 依赖", "完成"]
    positions = [next(i for i, line in enumerate(lines) if step in line) for step in steps]
    assert positions == sorted(positions) and len(lines) == len(steps)
    assert "apt-get install" in Path(env["FAKE_APT_LOG"]).read_text()
    again = _bootstrap(repo, env)
    assert again.returncode == 0 and again.stderr == "" and again.stdout == ""


def test_a_failing_step_shows_its_output(checkout):
    repo, env = checkout
    failed = _bootstrap(repo, {**env, "FAKE_PIP_FAIL": "1"})
    assert failed.returncode != 0
    assert "No matching distribution found for PySide6" in failed.stderr
    assert failed.stderr.rstrip().splitlines()[-1].startswith("督办台安装：失败")
