"""The office's day on the command line, run as a user would (`python main.py …`, each its own process):
profile → progress → extend → done → due --json → notices --plan … --scope open --groups address gives one PDF
per unit with open work, group recipients included, each named with its unit's name and printing the profile's
header and number prefix, and the extension's new date beside its 原定."""
import json
import os
import subprocess
import sys
from pathlib import Path

from app.__main__ import main
from tests.notices import pdfcheck

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold" / "001_4cc03577722d74ad.json"
TODAY = "2026-11-23"
HEADER = "呼和浩特市人民政府督查室"


def _run(db: Path, *argv: str) -> str:
    env = {**os.environ, "DUBAN_BUNDLED_FONTS_ONLY": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *argv, "--db", str(db)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, (argv, done.stderr)
    return done.stdout


def test_profile_progress_extend_done_then_one_notice_per_unit_with_open_work(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert main(["import", "--db", str(db), str(GOLD), "--today", TODAY]) == 0  # the set-up, in this process
    _run(db, "profile", "--office", HEADER, "--header", HEADER, "--prefix", "呼督办")
    before = json.loads(_run(db, "due", "--json", "--today", TODAY))
    dated = sorted({i["task_id"] for i in before if i["due"]})
    progressed, extended, finished = dated[:3]
    lead = next(i["unit"] for i in before if i["task_id"] == progressed and i["role"] == "lead")
    _run(db, "progress", "--task", str(progressed), "--unit", lead, "--text", "已完成方案起草", "--on", "2026-11-01",
         "--percent", "40")
    _run(db, "extend", "--task", str(extended), "--to", "2026-12-31", "--reason", "资金未到位",
         "--basis", "呼政办函〔2025〕9号", "--on", "2025-12-01")
    _run(db, "done", "--task", str(finished), "--on", "2026-11-20", "--note", "已验收")
    items = json.loads(_run(db, "due", "--json", "--today", TODAY))
    moved = {i["due"] for i in items if i["task_id"] == extended} | {i["original_due"] for i in items
                                                                       if i["task_id"] == extended}
    assert moved == {"2026-12-31", "2025-12-31"}
    open_units = {i["unit"] for i in items if i["light"] in ("red", "yellow", "green")}
    groups = {i["unit"] for i in items if i["unit"].startswith("各")}
    assert groups & open_units  # the plan gives work to a group (各旗县区政府): it is a recipient too

    out = tmp_path / "notices"
    printed = _run(db, "notices", "--plan", "1", "--scope", "open", "--groups", "address", "--today", TODAY,
                   "--out", str(out))
    files = {p.name: p for p in out.glob("*.pdf") if not p.name.startswith("合并打印_")}
    by_unit = {name.rsplit("_", 1)[0]: path for name, path in files.items()}
    assert set(by_unit) == open_units and len(files) == len(open_units)
    assert printed.count("\t督办\t") == len(open_units)
    for unit, path in by_unit.items():
        text = pdfcheck.text(path.read_bytes())
        assert HEADER in text and "呼督办〔2026〕" in text and unit in text, unit
        assert "呼督办〔2026〕" in path.name
    extended_units = {i["unit"] for i in items if i["task_id"] == extended}
    printed_deadline = next(i["deadline_text"] for i in items if i["task_id"] == extended)
    for unit in extended_units:
        assert f"原定{printed_deadline}，已延期至2026年12月31日" in pdfcheck.text(by_unit[unit].read_bytes())
