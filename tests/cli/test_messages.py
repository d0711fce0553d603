"""Every message of the command line in Chinese: operating-system errors, argparse, libraries' logging, an empty
import, an ambiguous unit, an empty holiday table."""
from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
QUOTED = re.compile(r"“[^”]*”|'[^']*'")  # file names and values the user typed are quoted


FORMATS = {"JSON", "PDF", "UTF"}  # names of formats, not prose


def _english(line: str) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(QUOTED.sub("", line)) if w not in FORMATS]


def _run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def _plan(folder: Path, city: str) -> Path:
    """A small plan of a city whose bureau is printed relative ("市市场监督管理局") as every city's plan does."""
    path = folder / f"{city}.txt"
    path.write_text(
        f"{city}推进计量工作实施方案\n\n一、重点任务\n\n"
        "（一）加强计量基础建设。（牵头单位：市市场监督管理局；责任单位：市发展改革委；完成时限：2026年12月底前）\n\n"
        "（二）提升计量服务能力。（牵头单位：市市场监督管理局，2027年6月底前完成）\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_cities(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cities")
    db = folder / "duban.sqlite3"
    assert main(["import", str(_plan(folder, "临江市")), str(_plan(folder, "青山市")), "--db", str(db)]) == 0
    return db


# --------------------------------------------------------------------------- operating-system errors

def _raised(call) -> OSError:
    try:
        call()
    except OSError as exc:
        return exc
    raise AssertionError("no OSError")


def test_real_os_errors_read_in_chinese(tmp_path):
    from app.errors import os_error_text

    a_file = tmp_path / "plain"
    a_file.write_text("x")
    cases = {
        "找不到": _raised(lambda: open(tmp_path / "missing.txt", "rb")),
        "文件夹，不是文件": _raised(lambda: open(tmp_path, "rb")),
        "是文件，不是文件夹": _raised(lambda: open(a_file / "inside.pdf", "wb")),
        "已有同名的文件": _raised(lambda: (a_file / "sub").parent.mkdir()),
        "磁盘已满": OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/media/usb/x.pdf"),
        "只读": OSError(errno.EROFS, os.strerror(errno.EROFS), "/media/cd/x.pdf"),
        "没有权限": PermissionError(errno.EACCES, os.strerror(errno.EACCES), "/root/x"),
        "错误号 9999": OSError(9999, "Unknown error 9999"),
    }
    for expected, exc in cases.items():
        text = os_error_text(exc)
        assert expected in text, (exc, text)
        assert not _english(text), (exc, text)


@pytest.mark.parametrize("case", ["missing", "folder", "out-under-file", "backup-under-file", "holidays-folder",
                                  "json-types", "json-syntax", "json-encoding"])
def test_os_and_input_errors_are_one_chinese_line(case, tmp_path, capsys, two_cities):
    a_file = tmp_path / "plain"
    a_file.write_text("x")
    bad_json = tmp_path / "bad.json"
    argv = {
        "missing": ["extract", tmp_path / "missing.txt"],
        "folder": ["extract", tmp_path],
        "out-under-file": ["notice", "--db", two_cities, "--unit", "临江市市场监督管理局", "--out", a_file / "x.pdf"],
        "backup-under-file": ["backup", "--db", two_cities, "--out", a_file / "copy.sqlite3"],
        "holidays-folder": ["holidays", "--db", two_cities, "--import", tmp_path],
        "json-types": ["import", bad_json, "--db", tmp_path / "new.sqlite3"],
        "json-syntax": ["import", bad_json, "--db", tmp_path / "new.sqlite3"],
        "json-encoding": ["import", bad_json, "--db", tmp_path / "new.sqlite3"],
    }[case]
    if case == "json-types":  # strings where objects belong: Python said "string indices must be integers"
        bad_json.write_text(json.dumps({"plan": "标题", "tasks": ["一", "二"]}), encoding="utf-8")
    elif case == "json-syntax":
        bad_json.write_text('{"plan": {', encoding="utf-8")
    elif case == "json-encoding":
        bad_json.write_bytes("{}".encode("utf-16"))
    status, out, err = _run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.startswith("错误：") and err.count("\n") == 1, err
    assert not _english(err), err
    assert not (tmp_path / "new.sqlite3").exists()


# --------------------------------------------------------------------------- argparse

def _allowed_words() -> set[str]:
    """Option names, metavars, choices and command names: what a user types, so not prose."""
    words = {"duban", "txt", "docx", "pdf", "xlsx", "Tab", "YYYY", "MM", "DD", "png", *FORMATS}
    parsers = [build_parser()]
    seen = []
    while parsers:
        parser = parsers.pop()
        seen.append(parser)
        for action in parser._actions:
            metavar = action.metavar or action.dest.upper()  # argparse's default metavar
            texts = [*action.option_strings, str(metavar), *(map(str, action.choices or ()))]
            words.update(w for t in texts for w in ENGLISH_WORD.findall(t))
            if isinstance(action.choices, dict):
                parsers.extend(action.choices.values())
    return words


def _help_texts() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a.choices, dict))
    return [parser.format_help(), *(p.format_help() for p in sub.choices.values())]


def test_help_and_usage_are_chinese():
    allowed = _allowed_words()
    for text in _help_texts():
        assert "用法：" in text and "usage" not in text
        stray = {w for w in ENGLISH_WORD.findall(QUOTED.sub("", text)) if w not in allowed}
        assert not stray, (stray, text)


@pytest.mark.parametrize("argv", [
    ["--help"], ["notice"], ["--bogus"], ["due", "--within", "x"], ["notices", "--within", "3", "--kind", "x",
                                                                     "--out", "d"],
    ["frob"], ["--db"], ["export", "--plan"], ["plans", "--json", "extra"],
])
def test_argparse_output_is_chinese(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out, err = capsys.readouterr()
    allowed = _allowed_words()
    if argv == ["--help"]:
        assert stop.value.code == 0 and "显示本帮助并退出" in out
        text = out
    else:
        assert stop.value.code == 2 and out == ""
        assert err.startswith("错误：") and err.count("\n") == 1, err
        text = err
    stray = {w for w in ENGLISH_WORD.findall(QUOTED.sub("", text)) if w not in allowed}
    assert not stray, (stray, text)


# --------------------------------------------------------------------------- libraries' logging

def _pdf_with_a_bad_colour(path: Path) -> Path:
    """A one-page PDF whose content sets a colour with a name where a number belongs: pdfminer warns."""
    content = b"/P0 sc BT /F1 12 Tf 72 720 Td (Hello) Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    data, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(data))
    return path


def _cli(*argv, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, argv)], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def test_library_warnings_only_with_verbose(tmp_path):
    pdf = _pdf_with_a_bad_colour(tmp_path / "plan.pdf")
    quiet = _cli("extract", pdf)
    loud = _cli("-v", "extract", pdf)
    assert "pdfminer" in loud.stderr  # the file does make pdfminer complain
    assert "pdfminer" not in quiet.stderr and "WARNING" not in quiet.stderr, quiet.stderr


# --------------------------------------------------------------------------- import, units, holidays

def test_text_without_tasks_is_refused_and_changes_nothing(tmp_path, capsys, two_cities):
    junk = tmp_path / "junk.txt"
    junk.write_text("会议纪要\n\n今天天气很好，大家讨论了很多事情。\n", encoding="utf-8")
    before = two_cities.read_bytes()
    status, out, err = _run(capsys, "import", junk, "--db", two_cities)
    assert status == 2 and "未识别出任何任务" in err and out == ""
    assert two_cities.read_bytes() == before
    status, _, err = _run(capsys, "import", junk, "--db", tmp_path / "new.sqlite3")
    assert status == 2 and not (tmp_path / "new.sqlite3").exists()
    status, out, _ = _run(capsys, "import", junk, "--db", tmp_path / "new.sqlite3", "--allow-empty")
    assert status == 0 and "任务 0 项" in out


@pytest.mark.parametrize("command", [["due"], ["notice", "--kind", "督办", "--out", "{tmp}/n.pdf"], ["register"]])
def test_ambiguous_unit_is_refused_with_candidates(command, tmp_path, capsys, two_cities):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in command]
    status, out, err = _run(capsys, *argv, "--db", two_cities, "--unit", "市市场监督管理局")
    assert status == 2 and out == ""
    assert "临江市市场监督管理局" in err and "青山市市场监督管理局" in err
    ids = [int(n) for n in re.findall(r"编号 (\d+)", err)]
    assert len(ids) == 2 and f"--unit {ids[0]}" in err
    assert not list(tmp_path.iterdir())


def test_unit_named_by_id_or_place_picks_one_city(capsys, two_cities):
    status, out, _ = _run(capsys, "units", "--db", two_cities, "--json")
    by_name = {u["name"]: u["id"] for u in json.loads(out)}
    for asked in ("青山市市场监督管理局", str(by_name["青山市市场监督管理局"])):
        status, out, _ = _run(capsys, "due", "--db", two_cities, "--unit", asked, "--json")
        items = json.loads(out)
        assert status == 0 and len(items) == 2
        assert {i["unit"] for i in items} == {"青山市市场监督管理局"}
    status, _, err = _run(capsys, "due", "--db", two_cities, "--unit", "99999")
    assert status == 2 and "99999" in err


def test_empty_holiday_table_says_so(capsys, two_cities):
    status, out, err = _run(capsys, "holidays", "--db", two_cities)
    assert status == 0 and out == ""
    assert "节假日表是空的" in err and "holidays --import" in err


def test_import_reads_a_plan_file_once_and_within_the_readers_bound(tmp_path, monkeypatch, capsys):
    """`import` goes through the reader's bounded read: a file far over the bound is refused, not loaded whole
    (the import path read every byte first, then read the file again)."""
    from app.reading import documents

    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "plan.txt"
    big.write_text("一、任务" * 2000, encoding="utf-8")
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: (opened.append(self.name), real_open(self, *a, **k))[1])
    status, out, err = _run(capsys, "import", str(big), "--db", str(tmp_path / "duban.sqlite3"))
    assert status == 2 and "MB" in err and err.count("\n") == 1
    assert opened.count("plan.txt") == 1
    assert not (tmp_path / "duban.sqlite3").exists()
