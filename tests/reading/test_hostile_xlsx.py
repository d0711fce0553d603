"""Small hostile workbooks read in bounded time and memory; formula cells are never silently empty (issue 14).

The far-cell and full-grid-merge files are 5 KB each; read as a grid they grew by gigabytes. They are
read here through the real command line in a child process with a 2 GB address-space limit (so a
regression fails fast instead of exhausting the machine); its peak memory comes from `os.wait4`.
"""
from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

from openpyxl import Workbook

from app.reading.documents import read_document
from app.reading.extract import extract_file
from tests.reading.childrun import run_cli

HEADER = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]


def _table(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for values in [HEADER, *rows]:
        ws.append(values)
    wb.save(path)
    return path


def _patch_sheet(path: Path, change) -> Path:
    """Rewrite the first sheet's XML (what openpyxl cannot write: saved formula values, huge merges)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = change(parts[sheet].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_formula_cells_read_their_saved_value_or_else_their_formula_with_a_warning(tmp_path):
    path = _table(tmp_path / "formulas.xlsx", [
        [1, "建设计量科技创新中心", "@saved@", "市科技局", "2025年底前"],
        [2, "开展计量比对", '="市教育局"', "市财政局", "2024年6月底前"],
        [3, "推进计量数字化", '=C3', None, None],
    ])
    _patch_sheet(path, lambda xml: re.sub(
        r'<c r="C2" t="inlineStr"><is><t>[^<]*</t></is></c>',
        '<c r="C2" t="str"><f>"市市场"&amp;"监管局"</f><v>市市场监管局</v></c>', xml))
    document = read_document(path)
    assert document.text.split("\n")[1:] == [
        "1\t建设计量科技创新中心\t市市场监管局\t市科技局\t2025年底前",
        '2\t开展计量比对\t="市教育局"\t市财政局\t2024年6月底前',
        "3\t推进计量数字化\t=C3",
    ]
    assert document.warnings == (
        "工作表“Sheet”有 2 个公式单元格（C3、C4）没有保存计算结果，已按公式文字读取；请在 Excel 或 WPS 中打开、保存后再导入",
    )
    matrix = extract_file(path)
    assert matrix.warnings[0] == document.warnings[0]
    assert [t.lead for t in matrix.tasks] == [["市市场监管局"], ['="市教育局"'], ["=C3"]]
    status, _, err, _, _ = run_cli("extract", str(path))
    assert status == 0 and err.startswith("警告：工作表“Sheet”有 2 个公式单元格")


def test_a_cell_at_the_last_column_of_the_last_row_reads_in_seconds_and_little_memory(tmp_path):
    path = _table(tmp_path / "far.xlsx", [[1, "建设计量科技创新中心", "市市场监管局", "市科技局", "2025年底前"]])
    _patch_sheet(path, lambda xml: xml.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>远</t></is></c></row></sheetData>'
    ).replace('<dimension ref="A1:E2"/>', '<dimension ref="A1:XFD1048576"/>'))
    assert path.stat().st_size < 10_000
    status, out, err, elapsed, peak = run_cli("extract", str(path), "--json")
    assert status == 0, err
    assert '"市市场监管局"' in out
    assert elapsed < 10 and peak < 500, (elapsed, peak)
    # the far cell keeps its row, after a bounded run of empty columns
    assert read_document(path).text.endswith("\n" + "\t" * 64 + "远")


def test_a_merged_range_over_the_whole_grid_reads_in_seconds_and_little_memory(tmp_path):
    path = _table(tmp_path / "merged.xlsx", [
        [1, "建设计量科技创新中心", "市市场监管局", "市科技局", "2025年底前"],
        [2, "开展计量比对", None, "市财政局", "2024年6月底前"],
        [3, "推进计量数字化", "市数据局", None, None],
    ])
    _patch_sheet(path, lambda xml: xml.replace("</sheetData>", '</sheetData><mergeCells count="2">'
                                               '<mergeCell ref="C2:C3"/><mergeCell ref="A1:XFD1048576"/></mergeCells>'))
    assert path.stat().st_size < 10_000
    status, out, err, elapsed, peak = run_cli("extract", str(path))
    assert status == 0, err
    assert elapsed < 10 and peak < 500, (elapsed, peak)
    # the small vertical merge still gives its value to the row below it; the huge one adds no rows
    lines = read_document(path).text.split("\n")
    assert lines == ["\t".join(HEADER), "1\t建设计量科技创新中心\t市市场监管局\t市科技局\t2025年底前",
                     "2\t开展计量比对\t市市场监管局\t市财政局\t2024年6月底前", "3\t推进计量数字化\t市数据局"]
