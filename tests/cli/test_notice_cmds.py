"""The notice subcommands end to end: import a sample plan, issue, batch, bulletin, register, void, recreate."""
import json
from pathlib import Path

from app.__main__ import main

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "001_4cc03577722d74ad.json"
TODAY = "2026-11-23"


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_notice_commands(tmp_path, capsys):
    db = str(tmp_path / "d.sqlite3")
    assert _run(capsys, "import", "--db", db, str(GOLD), "--today", TODAY)[0] == 0
    status, out, _ = _run(capsys, "notice", "--db", db, "--unit", "市市场监督管理局", "--kind", "督办", "--style",
                          "letter", "--today", TODAY, "--out", str(tmp_path / "one.pdf"))
    assert status == 0 and "督办〔2026〕1号" in out and (tmp_path / "one.pdf").stat().st_size > 10_000

    status, out, _ = _run(capsys, "notices", "--db", db, "--within", "30", "--today", TODAY, "--workers", "1",
                          "--out", str(tmp_path / "batch"))
    assert status == 0 and "合并打印文件" in out
    pdfs = sorted(p.name for p in (tmp_path / "batch").glob("*.pdf"))
    assert len(pdfs) == out.count("\t催办\t") + 1 >= 3  # one per unit plus the merged one

    status, out, _ = _run(capsys, "bulletin", "--db", db, "--plan", "1", "--today", TODAY,
                          "--out", str(tmp_path / "b.pdf"))
    assert status == 0 and "通报〔2026〕1号" in out

    assert _run(capsys, "register", "--db", db, "--void", "督办〔2026〕1号", "--reason", "重发")[0] == 0
    status, out, _ = _run(capsys, "register", "--db", db, "--json")
    entries = json.loads(out)
    assert {e["kind"] for e in entries} == {"督办", "催办", "通报"}
    voided = [e for e in entries if e["voided"]]
    assert [e["number"] for e in voided] == ["督办〔2026〕1号"] and voided[0]["tasks"]

    again = tmp_path / "again.pdf"
    assert _run(capsys, "register", "--db", db, "--recreate", "督办〔2026〕1号", "--out", str(again))[0] == 0
    assert again.read_bytes() == (tmp_path / "one.pdf").read_bytes()


def test_bad_input_is_one_line_and_status_2(tmp_path, capsys):
    db = str(tmp_path / "d.sqlite3")
    _run(capsys, "import", "--db", db, str(GOLD), "--today", TODAY)
    status, _, err = _run(capsys, "notice", "--db", db, "--unit", "不存在的单位", "--out", str(tmp_path / "x.pdf"))
    assert status == 2 and err.startswith("错误：") and err.count("\n") == 1
    status, _, err = _run(capsys, "notice", "--db", db, "--unit", "市市场监督管理局", "--today", "2026-13-01",
                          "--out", str(tmp_path / "x.pdf"))
    assert status == 2 and "YYYY-MM-DD" in err
    assert not (tmp_path / "x.pdf").exists()
    status, _, err = _run(capsys, "holidays", "--db", db, "--import", str(GOLD))
    assert status == 2 and "第1行" in err
