"""A malformed matrix JSON is refused through the command line before anything is written (issue 14, points 3 and 5).

Each file breaks one type of the spec (shared spec matrix-json.md): one Chinese line on standard error,
exit status 2, no traceback, and the database file and its folder exactly as they were.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold" / "001_4cc03577722d74ad.json"


def _good() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def _with(path: tuple, value: object) -> str:
    data = _good()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(data, ensure_ascii=False)


def _deep(levels: int) -> str:
    return _with(("tasks", 0, "title"), "@@").replace('"@@"', "[" * levels + "]" * levels)


BAD_FILES = {
    "lead_is_a_string": (_with(("tasks", 0, "lead"), "市市场监督管理局"), "第 1 项任务的牵头单位应为文字列表，实为文字"),
    "title_is_an_object": (_with(("tasks", 2, "title"), {"text": "x"}), "第 3 项任务的标题应为文字，实为对象"),
    "unit_is_a_list": (_with(("tasks", 0, "responsible"), [["市财政局"]]), "责任单位的每一项应为非空文字"),
    "ref_is_numbers": (_with(("tasks", 0, "ref"), [3, 1]), "编号的每一项应为非空文字，有一项为数字"),
    "ref_is_missing": (_with(("tasks", 0, "ref"), []), "第 1 项任务的编号为空"),
    "deep_nesting": (_deep(100_000), "嵌套层次过深"),
    "moderate_nesting": (_deep(500), "第 1 项任务的标题应为文字，实为列表"),
    "lone_surrogate": (_with(("tasks", 0, "title"), "@@").replace('"@@"', '"\\ud800推进"'), "不成对的代理码位"),
    "surrogate_in_unit": (_with(("tasks", 0, "lead"), ["@@"]).replace('"@@"', '"市\\udfff局"'), "牵头单位含有无效字符"),
    "deadline_is_text": (_with(("tasks", 0, "deadline"), "2025年底"), "第 1 项任务的完成时限应为对象，实为文字"),
    "due_is_no_date": (_with(("tasks", 0, "deadline"), {"text": "x", "due": "2025-13-45", "ongoing": False}),
                       "到期日应为“2025-12-31”格式的日期"),
    "ongoing_is_text": (_with(("tasks", 0, "deadline"), {"text": "x", "due": None, "ongoing": "yes"}), "持续推进标记应为真假值"),
    "issued_is_a_number": (_with(("plan", "issued"), 20250101), "方案信息的成文日期应为文字或空值，实为数字"),
    "plan_is_a_list": (_with(("plan",), []), "方案信息应为对象，实为列表"),
    "tasks_is_an_object": (_with(("tasks",), {"a": 1}), "任务列表应为列表，实为对象"),
    "standing_role_unknown": (_with(("standing_units",), [{"unit": "各县", "role": "boss", "from_ref": ["一"]}]),
                              "第 1 项常设落实单位的角色不是规定的"),
    "top_is_a_list": ("[1, 2, 3]", "整个文件应为对象，实为列表"),
    "not_json": ('{"source": "x", "plan": ', "第 1 行第 25 列格式有误"),
    "huge_number": ('{"source": ' + "9" * 5000 + "}", "含有无法读取的数字"),
    "not_utf8": ("\ufeff{}".encode("utf-16").decode("latin-1"), "不是 UTF-8 编码的文本"),
}


def _state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("db")
    assert main(["import", str(GOLD), "--db", str(folder / "duban.sqlite3"), "--today", "2025-12-01"]) == 0
    return folder / "duban.sqlite3"


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_malformed_matrix_json_is_refused_and_changes_nothing(name, database, tmp_path, capsys):
    content, expected = BAD_FILES[name]
    bad = tmp_path / f"{name}.json"
    bad.write_bytes(content.encode("latin-1") if name == "not_utf8" else content.encode("utf-8", "surrogatepass"))
    capsys.readouterr()
    before = _state(database.parent)
    status = main(["import", str(bad), "--db", str(database), "--today", "2025-12-01"])
    out, err = capsys.readouterr()
    assert status == 2
    assert err.count("\n") == 1 and expected in err and f"{name}.json" in err, err
    assert "Traceback" not in err and out == ""
    assert _state(database.parent) == before


def test_the_checked_shape_still_imports_every_gold_file(tmp_path, capsys):
    gold = sorted(GOLD.parent.glob("*.json"))
    assert main(["import", *map(str, gold), "--db", str(tmp_path / "d.sqlite3"), "--today", "2025-12-01"]) == 0
    assert capsys.readouterr().out.count("新导入") == len(gold)


def test_deep_nesting_through_the_real_command_line_prints_no_traceback(tmp_path):
    bad = tmp_path / "deep.json"
    bad.write_text(_deep(100_000), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(bad), "--db", str(tmp_path / "d.sqlite3")],
        capture_output=True, text=True, encoding="utf-8", env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("文件“deep.json”不是有效的责任矩阵 JSON：嵌套层次过深"), lines
    assert not (tmp_path / "d.sqlite3").exists()


def test_a_lead_given_as_a_string_does_not_become_one_unit_per_character():
    from app.domain.matrix import Matrix
    from app.domain.matrix_json import MatrixJsonError

    data = copy.deepcopy(_good())
    data["tasks"][0]["lead"] = "市市场监督管理局"
    with pytest.raises(MatrixJsonError):
        Matrix.from_json(data)
