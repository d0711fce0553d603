"""Hostile-input benchmark (not a test; issue 14, point 4): time and peak memory of `main.py extract FILE`
on small files that once ran away, and on the big ones that must stream.

Each file is read by the real command line in a child process; its wall time and its own peak resident
memory (`ru_maxrss` from os.wait4) are printed. The child runs under an address-space limit and a time
limit so that a run-away reading (an older version) is stopped instead of exhausting the machine.

Run:   python3 benchmarks/hostile_inputs_bench.py [--root OTHER_SOURCE_TREE] [--only NAME ...] [--limit-s 300]
       (--root: measure another checkout with the same files, e.g. the version before a fix)
Files are made once in a cache folder (benchmarks/.hostile-cache, or --cache).

Measured 2026-12-02 on the 2-core build machine (load average 2–7 from other work), limits 4 GB / 150–400 s;
"before" is commit cb3f345, "after" this branch:
    case            size      before                          after
    far_cell        1.9 KB    stopped at 150 s, 1,223 MB      0.5 s,  38 MB
    merged_grid     1.9 KB    stopped at 150 s, 3,107 MB      0.4 s,  38 MB
    spaces_40k      40 KB     90.4 s, 26 MB                   0.3 s,  26 MB
    brackets_1M     3.0 MB    59.4 s, 156 MB                  2.4 s, 157 MB
    items_1500      113 KB    0.7 s (999 tasks)               1.0 s (1,500 tasks)
    pdf_2000_pages  1.8 MB    351 s, 4,083 MB: out of memory  325 s, 193 MB (72,000 tasks; ~0.15 s a page, flat)
    xlsx_1M_rows    22.6 MB   stopped at 400 s, 1,614 MB      1.9 s, 64 MB: refused (more than 200,000 rows)
    (a 90,000-row task table, read in full: 38 s, 231 MB)
"""
from __future__ import annotations

import argparse
import sys
import time
import zipfile
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reading.childrun import run_main  # noqa: E402

HEADER = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
LEAD = "市市场监督管理局"
OTHERS = "市发展和改革委员会、市工业和信息化局、市科技局"


def _xlsx(path: Path, rows: Callable[[], object], *, dimension: str, after_rows: str = "") -> None:
    """A minimal .xlsx written part by part (inline strings), the sheet streamed into the archive."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="任务分工" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><dimension ref="{dimension}"/>'
                        "<sheetData>".encode())
            buffer = []
            for row in rows():
                buffer.append(row)
                if len(buffer) >= 10_000:
                    sheet.write("".join(buffer).encode())
                    buffer = []
            sheet.write(("".join(buffer) + "</sheetData>" + after_rows + "</worksheet>").encode())


def _row(number: int, values: list[object]) -> str:
    cells = []
    for column, value in enumerate(values):
        ref = f"{'ABCDE'[column]}{number}"
        if isinstance(value, int):
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        elif value:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _table_rows(count: int):
    def rows():
        yield _row(1, HEADER)
        for i in range(1, count + 1):
            yield _row(i + 1, [i, f"推进第{i}项计量工作", LEAD, OTHERS, "2025年底前"])
    return rows


def make_far_cell(path: Path) -> None:
    def rows():
        yield from _table_rows(3)()
        yield '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>远</t></is></c></row>'
    _xlsx(path, rows, dimension="A1:XFD1048576")


def make_merged_grid(path: Path) -> None:
    _xlsx(path, _table_rows(3), dimension="A1:E4",
          after_rows='<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')


def make_million_rows(path: Path) -> None:
    _xlsx(path, _table_rows(1_000_000), dimension="A1:E1000001")


def make_spaces(path: Path) -> None:
    path.write_text("一、重点任务\n（一）推进a" + " " * 40_000 + "b工作。（责任单位：市财政局）\n", encoding="utf-8")


def make_brackets(path: Path) -> None:
    path.write_text("一、重点任务\n（一）推进工作" + "（" * 1_000_000 + "\n", encoding="utf-8")


def make_items(path: Path) -> None:
    path.write_text("一、重点任务\n" + "".join(f"{i}. 做好第{i}项工作。（责任单位：{LEAD}）\n" for i in range(1, 1501)),
                    encoding="utf-8")


def make_pdf_pages(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.reading.makedocs import _register_font

    font = _register_font()
    page = canvas.Canvas(str(path), pagesize=A4)
    item = 0
    for _ in range(2_000):
        page.setFont(font, 11)
        for line in range(36):
            item += 1
            page.drawString(60, 780 - 20 * line, f"{item}. 推进第{item}项计量工作（责任单位：{LEAD}）")
        page.showPage()
    page.save()


CASES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "far_cell": ("far_cell.xlsx", make_far_cell),
    "merged_grid": ("merged_grid.xlsx", make_merged_grid),
    "spaces_40k": ("spaces_40k.txt", make_spaces),
    "brackets_1M": ("brackets_1M.txt", make_brackets),
    "items_1500": ("items_1500.txt", make_items),
    "pdf_2000_pages": ("pages_2000.pdf", make_pdf_pages),
    "xlsx_1M_rows": ("rows_1M.xlsx", make_million_rows),
}


def run(root: Path, path: Path, limit_s: float, limit_bytes: int) -> tuple[str, float, float, str]:
    """(outcome, seconds, peak RSS MB, last stderr line) of `main.py extract PATH --json` under `root`."""
    done = run_main("extract", str(path), "--json", root=root, seconds=limit_s, limit_bytes=limit_bytes)
    lines = done.err.strip().splitlines()
    outcome = f"stopped after {limit_s:.0f} s" if done.timed_out else f"exit {done.status}"
    return outcome, done.seconds, done.peak_mb, (lines[-1][:90] if lines else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="source tree whose main.py is measured")
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), help="cases to run (default: all)")
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".hostile-cache")
    parser.add_argument("--limit-s", type=float, default=300.0, help="time limit per run")
    parser.add_argument("--limit-gb", type=float, default=4.0, help="address-space limit per run")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    print(f"source: {args.root}")
    for name in args.only or CASES:
        file_name, make = CASES[name]
        path = args.cache / file_name
        if not path.exists():
            started = time.perf_counter()
            make(path)
            print(f"  (made {file_name}: {path.stat().st_size / 1e6:.2f} MB in {time.perf_counter() - started:.0f} s)")
        outcome, seconds, peak, last = run(args.root.resolve(), path, args.limit_s, int(args.limit_gb * (1 << 30)))
        print(f"{name:15} {path.stat().st_size / 1e6:8.2f} MB  {outcome:18} {seconds:7.1f} s  peak {peak:7.0f} MB  {last}",
              flush=True)


if __name__ == "__main__":
    main()
