"""`profile`: set some fields, print them with Chinese labels or as JSON; bad input is one Chinese line, exit 2."""
import json
from pathlib import Path

import pytest

from app.__main__ import main

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "duban.sqlite3"
    assert main(["import", *map(str, SEEDS[:2]), "--db", str(path), "--today", "2025-12-01"]) == 0
    capsys.readouterr()
    return path


def _run(capsys, *argv):
    try:
        status = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse refuses bad option values itself
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def test_set_then_print_and_json(db, capsys):
    status, out, _ = _run(capsys, "profile", "--db", db, "--office", "某市人民政府督查室", "--header", "某市人民政府督查室文件",
                          "--prefix", "某督办", "--contact", "李四", "--phone", "0471-7654321", "--cc", "市委办公室、市政府办公室",
                          "--reply-days", "10")
    assert status == 0
    assert "发文机关：某市人民政府督查室" in out.splitlines()
    assert "通知编号前缀：某督办" in out and "反馈期限（工作日）：10" in out and "本单位：（未设置）" in out
    assert "发文字号示例：某督办〔年份〕序号号" in out
    status, out, _ = _run(capsys, "--db", db, "profile", "--json")
    assert status == 0
    assert json.loads(out) == {"office": "某市人民政府督查室", "header": "某市人民政府督查室文件", "prefix": "某督办",
                               "contact": "李四", "phone": "0471-7654321", "cc": "市委办公室、市政府办公室",
                               "reply_days": 10, "own_unit": ""}


def test_own_unit_through_the_directory(db, capsys):
    status, out, err = _run(capsys, "units", "--db", db, "--json")
    name = json.loads(out)[0]["name"]
    status, out, err = _run(capsys, "profile", "--db", db, "--own-unit", name, "--json")
    assert status == 0 and json.loads(out)["own_unit"] == name
    status, out, err = _run(capsys, "units", "--db", db, "--json")
    assert [u["name"] for u in json.loads(out) if u["is_own"]] == [name]


@pytest.mark.parametrize("argv, message", [
    (["--own-unit", "火星市气象局"], "单位目录中没有“火星市气象局”"),
    (["--own-unit", "市场监管局"], "可能指多个单位"),
    (["--reply-days", "五"], "不是有效的整数"),
])
def test_bad_input_is_refused_and_changes_nothing(db, capsys, argv, message):
    before = _run(capsys, "profile", "--db", db, "--json")[1]
    status, out, err = _run(capsys, "profile", "--db", db, "--office", "不应写入", *argv)
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1
    assert _run(capsys, "profile", "--db", db, "--json")[1] == before
