"""Notices benchmark (not a test): a batch of 200 督办通知单 through the program's own route (reportlab: one PDF
per unit plus the merged PDF for printing), beside the usual office route for the same content (fill a .docx
template with python-docx, then `libreoffice --headless --convert-to pdf`), reported as a ratio.

The units and tasks are the sample plans' (tests/fixtures/gold), repeated until there are 200 units.
LibreOffice is timed on a sample of documents (it is slow), both one conversion per document (how a clerk
does it) and one call converting the whole sample (its best case).

Also, as the user meets it, in the same run: the wall time of one `notice` command beside one `extract` of a
sample plan (each a fresh process; median of --cli-runs, after one `notice` that fills the font cache, whose
time is reported as the cold start), and how fast a `notice` with an unwritable --out path fails.

Run: python3 benchmarks/notices_bench.py [--units 200] [--office-sample 10 (0: no office route)] [--cli-runs 3]
Needs LibreOffice only for the comparison (Debian: libreoffice-writer-nogui); never in CI. Without it the
office route is reported as not measurable here, with no figure.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from app.domain.matrix import Matrix  # noqa: E402
from app.notices.batch import render_all  # noqa: E402
from app.notices.content import (  # noqa: E402
    NoticeNumber, OfficeSettings, SupervisionNotice, TaskLine, TaskSource,
)
from app.notices.fonts import load_fonts  # noqa: E402
from app.notices.layout import cn_date, write_pdf  # noqa: E402
from app.notices.merge import merge_pdfs  # noqa: E402
from app.notices.supervision import DEFAULT_REQUIREMENTS, TASK_COLUMNS, deadline_label, supervision_pdf  # noqa: E402

TODAY = date(2026, 11, 23)
OFFICE = OfficeSettings(office_name="某市人民政府督查室", contact_name="王敏", contact_phone="0471-1234567",
                        copy_to=("市政府办公室",))


def sample_notices(count: int) -> list[SupervisionNotice]:
    """One notice per (plan, unit) of the gold matrices, repeated with new numbers up to `count`."""
    per_unit = []
    for path in sorted((ROOT / "tests" / "fixtures" / "gold").glob("*.json")):
        matrix = Matrix.from_json(json.loads(path.read_text(encoding="utf-8")))
        source = TaskSource(matrix.plan.title or "", matrix.plan.doc_number)
        units: dict[str, list[TaskLine]] = {}
        for task in matrix.tasks:
            for unit in dict.fromkeys(task.lead + task.responsible):
                units.setdefault(unit, []).append(TaskLine(
                    ref=task.ref_label, title=task.title, role="牵头" if unit in task.lead else "责任",
                    leads=tuple(task.lead), deadline_text=task.deadline.text if task.deadline else "",
                    due=task.deadline.due if task.deadline else None, status="推进中", source=source))
        per_unit += list(units.items())
    return [SupervisionNotice(NoticeNumber("市督办", 2026, i + 1), per_unit[i % len(per_unit)][0],
                              tuple(per_unit[i % len(per_unit)][1]), TODAY, date(2026, 11, 30), OFFICE)
            for i in range(count)]


def program_route(notices: list[SupervisionNotice], out: Path, workers: int | None) -> tuple[float, float]:
    """The batch as the program makes it: render (over the cores), one file per unit, the merged file.

    Returns wall seconds and the CPU seconds of this process and its workers (the figure that depends least
    on what else the machine is doing).
    """
    supervision_pdf(notices[0], load_fonts(use_system=False))  # warm-up: fonts parsed, styles made
    started, before = time.perf_counter(), os.times()
    parts = render_all(notices, workers=workers, use_system_fonts=False)
    for notice, data in zip(notices, parts):
        write_pdf(out / f"{notice.number.seq:03d}.pdf", data)
    merge_pdfs(parts, out / "merged.pdf")
    after = os.times()  # the workers have ended: their CPU time is in children_*
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system"))
    return time.perf_counter() - started, cpu


def fill_docx(notice: SupervisionNotice, path: Path) -> None:
    """The office route's template filling: title, number, the unit, a task table, requirements, signature."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "仿宋", Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    doc.add_heading("督办通知单", level=0)
    doc.add_paragraph(f"编号：{notice.number.text}")
    doc.add_paragraph(f"被督办单位：{notice.unit}")
    doc.add_paragraph(f"发文日期：{cn_date(notice.issued_on)}    反馈期限：{cn_date(notice.reply_by)}")
    table = doc.add_table(rows=1, cols=len(TASK_COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, TASK_COLUMNS):
        cell.text = name
    for task in notice.tasks:
        cells = table.add_row().cells
        for cell, value in zip(cells, (task.ref, task.title, task.role, "、".join(task.leads),
                                       deadline_label(task), task.status)):
            cell.text = value
    for i, text in enumerate(DEFAULT_REQUIREMENTS, start=1):
        doc.add_paragraph(f"{i}. {text}")
    doc.add_paragraph(notice.office.office_name)
    doc.add_paragraph(cn_date(notice.issued_on))
    doc.add_paragraph("回执：签收人＿＿＿＿  签收时间＿＿＿＿")
    doc.save(str(path))


def office_route(notices: list[SupervisionNotice], work: Path, soffice: str) -> tuple[float, float] | None:
    """Seconds per notice: one LibreOffice call per document, and one call for all of them (None when this
    LibreOffice cannot convert a .docx at all)."""
    profile = work / "lo-profile"
    convert = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir"]
    warm = work / "warm.docx"
    fill_docx(notices[0], warm)
    subprocess.run(convert + [str(work / "warm-out"), str(warm)], check=True, capture_output=True)
    if not (work / "warm-out" / "warm.pdf").is_file():  # soffice without Writer (e.g. only Calc installed)
        return None
    single = work / "single"
    started = time.perf_counter()
    for notice in notices:
        docx = single / f"{notice.number.seq:03d}.docx"
        docx.parent.mkdir(exist_ok=True)
        fill_docx(notice, docx)
        subprocess.run(convert + [str(single), str(docx)], check=True, capture_output=True)
    per_call = (time.perf_counter() - started) / len(notices)
    batch = work / "batch"
    batch.mkdir()
    started = time.perf_counter()
    files = []
    for notice in notices:
        files.append(batch / f"{notice.number.seq:03d}.docx")
        fill_docx(notice, files[-1])
    subprocess.run(convert + [str(batch)] + [str(f) for f in files], check=True, capture_output=True)
    per_batch = (time.perf_counter() - started) / len(notices)
    assert len(list(batch.glob("*.pdf"))) == len(notices), "LibreOffice did not convert every document"
    return per_call, per_batch


SEEDS = ROOT / "tests" / "fixtures" / "seeds"


def _timed(args: list[str], env: dict[str, str], *, ok: bool = True) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if (done.returncode == 0) != ok:
        raise SystemExit(f"{' '.join(args)} -> {done.returncode}: {done.stderr.strip()}")
    return elapsed


def _busiest_unit(db: str) -> str:
    """The unit with the most open tasks that have a deadline (what a 督办 lists): its number."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
        row = con.execute("SELECT a.unit_id FROM assignments a JOIN tasks t ON t.id = a.task_id "
                          "WHERE t.due_effective IS NOT NULL AND t.done_on IS NULL AND t.removed_on IS NULL "
                          "GROUP BY a.unit_id ORDER BY count(*) DESC, a.unit_id LIMIT 1").fetchone()
    return str(row[0])


def cli_route(work: Path, runs: int) -> dict[str, float | str]:
    """Wall seconds of one `extract` and one `notice` command, each a fresh process, as the user runs them
    (the notice to the unit of the imported sample plans with the most open tasks that have a deadline).

    As installed: Python's compiled modules are kept (in a folder of the run, whatever
    PYTHONDONTWRITEBYTECODE says here), so neither command compiles the program's sources each time."""
    env = {**os.environ, "DUBAN_DATA_DIR": str(work / "data"), "DUBAN_BUNDLED_FONTS_ONLY": "1",
           "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    db = str(work / "cli.sqlite3")
    plan = str(sorted(SEEDS.glob("*.txt"))[1])
    _timed(["--db", db, "import", *map(str, sorted(SEEDS.glob("*.txt")))], env)
    unit = _busiest_unit(db)
    _timed(["extract", plan], env)  # compiles the reading modules once, as installing does
    notice = ["--db", db, "notice", "--unit", unit, "--today", "2026-11-23", "--again"]
    cold = _timed(notice + ["--out", str(work / "cold.pdf")], env)  # parses the fonts, fills the cache
    extracts, notices = [], []
    for i in range(runs):
        extracts.append(_timed(["extract", plan], env))
        notices.append(_timed(notice + ["--out", str(work / f"n{i}.pdf")], env))
    (work / "a-file").write_text("x")
    bad = _timed(notice + ["--out", str(work / "a-file" / "n.pdf")], env, ok=False)
    return {"extract": statistics.median(extracts), "notice": statistics.median(notices), "cold": cold,
            "bad_out": bad, "unit": unit}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--office-sample", type=int, default=10)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    parser.add_argument("--cli-runs", type=int, default=3)
    args = parser.parse_args()
    notices = sample_notices(args.units)
    tasks = sum(len(n.tasks) for n in notices)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "one").mkdir()
        single_wall, single_cpu = program_route(notices, work / "one", workers=1)
        single, per_cpu = len(notices) / single_wall, len(notices) / single_cpu
        (work / "ours").mkdir()
        seconds, cpu = program_route(notices, work / "ours", args.workers)
        pages = len(PdfReader(str(work / "ours" / "merged.pdf")).pages)
        size = sum(f.stat().st_size for f in (work / "ours").glob("[0-9]*.pdf")) / len(notices) / 1024
        rate = len(notices) / seconds
        distinct = len({(n.unit, n.tasks) for n in notices})
        print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
              "(other work on the machine slows the wall-clock figures, and the CPU-second ones too: measured here, "
              "a CPU-second does a third less work at load 3-5 than at load 2)")
        print(f"program: {len(notices)} notices ({distinct} different, {tasks} task lines, {pages} pages, "
              f"{size:.0f} KB a notice) + merged PDF in {seconds:.2f} s -> {rate:.1f} notices/s over "
              f"{args.workers or os.cpu_count()} processes ({len(notices) / cpu:.1f} notices per CPU-second of all "
              f"processes; in one process {single:.1f} notices/s, {per_cpu:.1f} per CPU-second) (goal >= 100/s)")
        (work / "cli").mkdir()
        cli = cli_route(work / "cli", args.cli_runs)
        print(f"command line (median of {args.cli_runs}, notice to unit {cli['unit']}): extract {cli['extract']:.2f} s, notice {cli['notice']:.2f} s "
              f"-> notice = {cli['notice'] / cli['extract']:.1f}x extract (goal <= 3x); first notice, fonts parsed "
              f"and cached: {cli['cold']:.2f} s; notice with an unwritable --out fails in {cli['bad_out']:.2f} s")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if args.office_sample <= 0:
            print("office route: not measured (--office-sample 0)")
            return
        if not soffice:
            print("office route: LibreOffice (soffice) is not installed on this machine — not measurable here, "
                  "no ratio reported (apt-get install libreoffice-writer-nogui to measure it)")
            return
        office = office_route(notices[: args.office_sample], work, soffice)
        if office is None:
            print(f"office route: {soffice} cannot convert a .docx (LibreOffice Writer is not installed: "
                  "libreoffice-writer-nogui) — not measurable here, no ratio reported")
            return
        per_call, per_batch = office
        print(f"office route (python-docx + LibreOffice, {args.office_sample} notices): "
              f"{per_call:.2f} s each converting one by one, {per_batch:.2f} s each in one batch call")
        print(f"ratio: {per_call * rate:.0f}x faster than one-by-one (goal >= 100x), {per_batch * rate:.0f}x faster "
              "than batch (goal >= 20x)")


if __name__ == "__main__":
    main()
