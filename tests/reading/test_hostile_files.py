"""Reading stays bounded on any file (issue 14, points 4 and 8): hard caps refuse in Chinese instead of
running away, sheets stream in linear time, and pdfminer's English warnings stay off standard error."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.errors import UnreadableDocument
from app.reading import documents, structure
from app.reading.documents import read_document
from app.reading.extract import extract_file, extract_text
from tests.reading.childrun import run_cli
from tests.reading.makedocs import _register_font

PLAN = "一、重点任务\n（一）推进计量工作。（责任单位：市财政局）\n"


def _task_sheet(path: Path, rows: int) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("任务分工")
    ws.append(["序号", "重点任务", "牵头单位", "责任单位", "完成时限"])
    for i in range(1, rows + 1):
        ws.append([i, f"推进第{i}项计量工作", "市市场监督管理局", "市财政局、市科技局", "2025年底前"])
    wb.save(path)
    return path


def test_a_text_longer_than_the_bound_is_refused_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(documents, "MAX_TEXT_CHARACTERS", 1_000)
    path = tmp_path / "long.txt"
    path.write_text(PLAN * 40, encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="无法读取“long.txt”：文字超过 0 万字，不像一份实施方案"):
        read_document(path)


def test_a_sheet_is_refused_as_soon_as_it_passes_the_row_bound(tmp_path, monkeypatch):
    path = _task_sheet(tmp_path / "rows.xlsx", 300)
    monkeypatch.setattr(documents, "MAX_SHEET_ROWS", 100)
    with pytest.raises(UnreadableDocument, match="表格超过 0 万行，不像一份任务分工表"):
        read_document(path)
    monkeypatch.setattr(documents, "MAX_SHEET_ROWS", 301)  # 300 rows and the header
    assert len(extract_file(path).tasks) == 300


def test_more_numbered_items_than_the_bound_are_refused(monkeypatch):
    monkeypatch.setattr(structure, "MAX_ITEMS", 50)
    text = "一、重点任务\n" + "".join(f"{i}. 第{i}项工作。（责任单位：市财政局）\n" for i in range(1, 60))
    with pytest.raises(UnreadableDocument, match="编号条目超过"):
        extract_text(text)
    table = "序号\t重点任务\t牵头单位\n" + "".join(f"{i}\t第{i}项工作\t市财政局\n" for i in range(1, 60))
    with pytest.raises(UnreadableDocument, match="编号条目超过"):
        extract_text(table)


def test_an_endless_file_is_read_no_further_than_the_size_bound():
    # In a child process with a memory limit: a version without the bound reads until it is killed.
    status, _, err, _, peak = run_cli("extract", "/dev/zero")
    assert status == 2 and "无法读取“zero”：文件超过 80 MB" in err and err.count("\n") == 1
    assert peak < 500


def test_sheet_reading_time_grows_linearly_with_its_rows(tmp_path):
    small, large = _task_sheet(tmp_path / "s.xlsx", 1_000), _task_sheet(tmp_path / "l.xlsx", 4_000)

    def best(path: Path) -> float:
        times = []
        for _ in range(2):
            started = time.perf_counter()
            read_document(path)
            times.append(time.perf_counter() - started)
        return min(times)

    t_small, t_large = best(small), best(large)
    assert t_large <= 8 * t_small + 0.1, (t_small, t_large)  # 4× the rows: 4× linear, 16× quadratic


def test_pdfminer_warnings_do_not_reach_standard_error(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "odd.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page._code.append("/NotANumber w")  # pdfminer: "Cannot set line width because … is an invalid float value"
    page.setFont(_register_font(), 12)
    for n, line in enumerate(PLAN.split("\n")):
        page.drawString(72, 760 - 20 * n, line)
    page.showPage()
    page.save()
    status, out, err, _, _ = run_cli("extract", str(path))
    assert status == 0 and "推进计量工作" in out
    assert err == ""
    status, _, err, _, _ = run_cli("-v", "extract", str(path))  # details asked for: the warning is there
    assert status == 0 and "Cannot set line width" in err


def test_a_word_file_that_unpacks_far_beyond_its_size_is_refused_before_unpacking(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setattr(documents, "MAX_WORD_BODY_BYTES", 8 << 20)  # 150 MB in use: the same test, 20× faster
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (10 << 20))
    assert path.stat().st_size < 100_000
    with pytest.raises(UnreadableDocument, match="文件解压后过大"):
        read_document(path)
