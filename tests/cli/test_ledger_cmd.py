"""`ledger`: the 呼和浩特 sample's 台账 opened back with openpyxl says, row by row, what `due --json` says for the
same date; progress, extension and notices land on their task × unit; the sheet is set up to print and filter."""
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from app.__main__ import main
from app.domain.status import LIGHT_WORDS

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "001_4cc03577722d74ad.json"
TODAY = "2026-11-23"
MARK_LIGHT = {w.mark: light for light, w in LIGHT_WORDS.items()}


def _run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "d.sqlite3")
    assert _run(capsys, "import", "--db", path, str(GOLD), "--today", TODAY)[0] == 0
    return path


def test_ledger_equals_due_and_prints(db, tmp_path, capsys):
    items = json.loads(_run(capsys, "due", "--db", db, "--today", TODAY, "--json")[1])
    first, other = items[0], next(i for i in items if i["task_id"] != items[0]["task_id"] and i["due"])
    assert _run(capsys, "progress", "--db", db, "--task", str(first["task_id"]), "--unit", first["unit"],
                "--text", "已完成前期调研", "--on", "2026-10-08", "--percent", "40")[0] == 0
    assert _run(capsys, "extend", "--db", db, "--task", str(other["task_id"]), "--to", "2027-03-31",
                "--reason", "等待上级批复", "--basis", "呼政办函〔2026〕3号", "--on", "2025-06-01")[0] == 0
    status, out, _ = _run(capsys, "notice", "--db", db, "--unit", first["unit"], "--kind", "督办",
                          "--today", TODAY, "--out", str(tmp_path / "n.pdf"))
    assert status == 0
    number = out.split("\t")[0]

    out_file = tmp_path / "台账.xlsx"
    status, out, err = _run(capsys, "ledger", "--db", db, "--plan", "1", "--today", TODAY, "--out", str(out_file))
    assert status == 0 and str(out_file) in out and not err
    due = [i for i in json.loads(_run(capsys, "due", "--db", db, "--today", TODAY, "--json")[1]) if i["plan_id"] == 1]

    ws = openpyxl.load_workbook(out_file).active
    header = [c.value for c in ws[3]]
    col = {name: header.index(name) for name in header}
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    assert len(rows) == len(due) > 20

    def due_text(value):
        return value.date().isoformat() if isinstance(value, datetime) else None

    sheet = [(r[col["任务编号"]], r[col["责任单位"]], due_text(r[col["判定日期"]]), r[col["状态"]],
              MARK_LIGHT[r[col["灯号"]]], r[col["进展"]]) for r in rows]
    expected = [(i["ref"], i["unit"], i["due"], i["status"], i["light"], i["progress_state"]) for i in due]
    assert sheet == expected
    assert len({s[3] for s in sheet}) >= 2  # more than one status at this date: the comparison can fail

    mine = next(r for r in rows if r[col["责任单位"]] == first["unit"] and r[col["任务编号"]] == first["ref"])
    assert mine[col["最新进展"]] == "2026-10-08 已完成前期调研" and mine[col["完成比例"]] == 40
    assert number in mine[col["督办通知"]]
    extended = [r for r in rows if r[col["任务编号"]] == other["ref"] and r[col["任务内容"]] == other["title"]]
    original = other["deadline_text"] or other["due"]  # the original deadline as the plan printed it
    assert extended and all(r[col["延期情况"]].startswith(f"原定 {original}，已延期至 2027-03-31（等待上级批复；")
                            for r in extended)
    assert all(due_text(r[col["判定日期"]]) == "2027-03-31" for r in extended)

    assert "呼和浩特市贯彻落实计量发展规划" in ws["A1"].value and "截至2026年11月23日" in ws["A2"].value
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == f"A3:N{3 + len(rows)}"
    assert ws.print_title_rows == "$3:$3" and ws.print_area == f"'台账'!$A$1:$N${3 + len(rows)}"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.column_dimensions["C"].width >= 30 and ws.cell(4, col["任务内容"] + 1).alignment.wrap_text
    red = next(i for i, r in enumerate(rows) if r[col["状态"]] == "逾期")
    assert ws.cell(4 + red, col["灯号"] + 1).fill.fgColor.rgb.endswith("F4B183")


@pytest.mark.parametrize("bad", ["台账.pdf", "folder", "file.txt/台账.xlsx"])
def test_bad_out_is_one_chinese_line_and_no_file(db, tmp_path, capsys, bad):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder.xlsx").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    target = tmp_path / ("folder.xlsx" if bad == "folder" else bad)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    status, out, err = _run(capsys, "ledger", "--db", db, "--plan", "1", "--today", TODAY, "--out", str(target))
    assert status == 2 and not out and err.startswith("错误：") and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_unknown_plan_is_refused(db, tmp_path, capsys):
    status, _, err = _run(capsys, "ledger", "--db", db, "--plan", "9", "--out", str(tmp_path / "x.xlsx"))
    assert status == 2 and "方案" in err and not (tmp_path / "x.xlsx").exists()
