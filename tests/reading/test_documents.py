"""read_document: each format read back from files made from the seeds, encodings, and every bad file."""
import hashlib
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import UnreadableDocument
from app.reading.documents import SourceDocument, read_document

from .makedocs import make_docx, make_pdf, make_xlsx

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))
PAGE_NUMBER = re.compile(r"^\s*[-—–]\s*\d+\s*[-—–]\s*$", re.M)
SAMPLE = "关于印发某市实施方案的通知\n\n一、重点任务\n（一）加强计量基础。（牵头单位：市市场监管局；完成时限：2025年底）\n"


def _flat(text: str) -> str:
    return "".join(text.split())


def _seed_lines(seed: Path) -> list[str]:
    return [line for line in seed.read_text(encoding="utf-8").split("\n") if line.strip()]


# ------------------------------------------------------------------------------------------- txt


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030", "gbk"])
def test_txt_encodings(tmp_path, encoding):
    data = SAMPLE.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # big-endian with its byte-order mark
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.text == SAMPLE
    assert (doc.kind, doc.name) == ("txt", "plan.txt")


def test_gb18030_is_not_mistaken_for_utf8(tmp_path):
    path = tmp_path / "计划.txt"
    path.write_bytes("內蒙古自治區 2025年底前".encode("gb18030"))
    assert read_document(path).text == "內蒙古自治區 2025年底前"


def test_line_endings_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("第一行\r\n第二行\r第三行\n".encode("utf-8"))
    assert read_document(path).text == "第一行\n第二行\n第三行\n"


def test_sha256_and_name(tmp_path):
    path = tmp_path / "sub" / "a.txt"
    path.parent.mkdir()
    path.write_bytes(SAMPLE.encode("utf-8"))
    doc = read_document(str(path))
    assert isinstance(doc, SourceDocument)
    assert doc.sha256 == hashlib.sha256(SAMPLE.encode("utf-8")).hexdigest()
    assert doc.name == "a.txt"


# ------------------------------------------------------------------------------------------ docx


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_docx_round_trip_keeps_every_paragraph(tmp_path, seed):
    made = make_docx(seed.read_text(encoding="utf-8"), tmp_path / "plan.docx")
    doc = read_document(made)
    assert doc.kind == "docx"
    lines = doc.text.split("\n")
    for line in _seed_lines(seed):
        assert line.rstrip("\t") in lines


def test_docx_tables_sit_where_they_are_and_merged_cells_come_once(tmp_path):
    text = "前言段落\n合并标题\t\t\t\n序号\t重点任务\t牵头单位\n1\t建设计量中心\t市市场监管局\n结尾段落"
    doc = read_document(make_docx(text, tmp_path / "t.docx"))
    assert doc.text.split("\n") == [
        "前言段落",
        "",
        "合并标题",  # spans the table's width: once, not once per column
        "序号\t重点任务\t牵头单位",
        "1\t建设计量中心\t市市场监管局",
        "",
        "结尾段落",
    ]


def test_docx_chosen_by_content_whatever_the_extension(tmp_path):
    made = make_docx(SAMPLE, tmp_path / "plan.docx")
    renamed = made.rename(tmp_path / "plan.txt")
    assert read_document(renamed).kind == "docx"


# ------------------------------------------------------------------------------------------- pdf


@pytest.mark.parametrize("seed", SEEDS[:2], ids=[s.stem for s in SEEDS[:2]])
def test_pdf_round_trip_keeps_every_paragraph_across_line_breaks(tmp_path, seed):
    made = make_pdf(seed.read_text(encoding="utf-8"), tmp_path / "plan.pdf")
    doc = read_document(made)
    assert doc.kind == "pdf"
    flat = _flat(doc.text)
    for line in _seed_lines(seed):
        assert _flat(line) in flat
    # Wrapped as a real PDF is: more lines than the source has paragraphs.
    assert len(doc.text.split("\n")) > len(_seed_lines(seed))
    assert not PAGE_NUMBER.search(doc.text)


def test_pdf_chosen_by_content(tmp_path):
    made = make_pdf(SAMPLE, tmp_path / "plan.pdf")
    assert read_document(made.rename(tmp_path / "plan.docx")).kind == "pdf"


@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "－3－", "第3页", "第 2 页 共 10 页", "  —  7  —  "])
def test_running_page_numbers_are_dropped(line):
    from app.reading.documents import _drop_page_numbers

    assert _drop_page_numbers(f"正文一\n{line}\n正文二") == "正文一\n正文二"


@pytest.mark.parametrize("line", ["3", "2021—2035年", "第3页内容见附件", "（三）加强计量", "- 3 - 条"])
def test_other_lines_are_kept(line):
    from app.reading.documents import _drop_page_numbers

    assert _drop_page_numbers(f"正文\n{line}") == f"正文\n{line}"


# ------------------------------------------------------------------------------------------ xlsx


def test_xlsx_rows_as_tab_lines(tmp_path):
    rows = [
        ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
        ["一、提升计量科技创新能力", None, None, None, None],
        [1, "建设计量\n科技创新中心", "市市场监管局", None, datetime(2024, 6, 30)],
        [2.0, "开展计量比对", "市科技局", "市财政局、市教育局", "2025年底前"],
    ]
    doc = read_document(make_xlsx(rows, tmp_path / "tasks.xlsx"))
    assert doc.kind == "xlsx"
    # Column A is empty (the table starts in B): every line keeps that leading empty cell, so the
    # columns stay aligned; only trailing empty cells are dropped. A cell's own line break is kept as
    # CELL_BREAK (two units on two lines are two units; the table reader joins a title's lines).
    assert doc.text.split("\n") == [
        "\t重点任务分工表",  # the title, above the header row
        "\t" + "\t".join(["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]),
        "\t一、提升计量科技创新能力",
        "\t1\t建设计量\u2028科技创新中心\t市市场监管局\t\t2024年6月30日",
        "\t2\t开展计量比对\t市科技局\t市财政局、市教育局\t2025年底前",
    ]


def test_xlsx_every_sheet(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "第一张"
    wb.create_sheet("第二张")["B2"] = date(2025, 1, 2)
    path = tmp_path / "two.xlsx"
    wb.save(path)
    assert read_document(path).text == "第一张\n\n\t2025年1月2日"


# ------------------------------------------------------------------------------------- bad files

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _encrypted_pdf(path: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(make_pdf(SAMPLE, path.with_name("open.pdf")))
    writer = pypdf.PdfWriter()
    writer.append(reader)
    writer.encrypt("secret", algorithm="AES-128")
    writer.write(path)


def _scanned_pdf(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(100, 100, 300, 500, fill=1)  # a picture of a page, no text
    c.showPage()
    c.save()


BAD_FILES = {
    "empty.txt": (lambda p: p.write_bytes(b""), "空"),
    "broken.docx": (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20), "损坏"),
    "broken-parts.docx": (lambda p: p.write_bytes(make_docx(SAMPLE, p.with_name("ok.docx")).read_bytes()[:400]), "损坏"),
    "not-a-pdf.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n garbage without objects"), "损坏"),
    "truncated.pdf": (lambda p: p.write_bytes(make_pdf(SAMPLE, p.with_name("ok.pdf")).read_bytes()[:600]), "损坏"),
    "locked.pdf": (_encrypted_pdf, "密码"),
    "scan.pdf": (_scanned_pdf, "没有文字层（可能是扫描件）"),
    "locked.docx": (lambda p: p.write_bytes(_OLE + _utf16("EncryptedPackage") + _utf16("EncryptionInfo")), "密码"),
    "old.doc": (lambda p: p.write_bytes(_OLE + _utf16("WordDocument")), "另存为 .docx"),
    "old.xls": (lambda p: p.write_bytes(_OLE + _utf16("Workbook")), "另存为 .xlsx"),
    "old.wps": (lambda p: p.write_bytes(b"not even an OLE file"), "另存为 .docx"),
    "plan.rtf": (lambda p: p.write_bytes(b"{\\rtf1\\ansi hello}"), "另存为 .docx"),
    "plan.odt": (lambda p: _zip_with(p, "content.xml"), "OpenDocument"),
    "photos.zip": (lambda p: _zip_with(p, "a.jpg"), "压缩包"),
    "bad-xml.docx": (lambda p: _zip_with(p, "word/document.xml", "[Content_Types].xml"), "Word 文件已损坏"),
    "bad-xml.xlsx": (lambda p: _zip_with(p, "xl/workbook.xml", "[Content_Types].xml"), "Excel 文件已损坏"),
    "binary.txt": (lambda p: p.write_bytes(bytes(range(256)) * 4), "编码"),
    "blank.txt": (lambda p: p.write_bytes("  \n\u3000\n".encode("utf-8")), "没有可读取的文字"),
}


def _zip_with(path: Path, *members: str) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        for member in members:
            z.writestr(member, "<not xml")


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_raises_unreadable_naming_the_file(tmp_path, name):
    make, reason = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(UnreadableDocument) as info:
        read_document(path)
    assert name in str(info.value)
    assert reason in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableDocument, match="nothere.docx.*找不到"):
        read_document(tmp_path / "nothere.docx")


def test_directory(tmp_path):
    folder = tmp_path / "方案文件夹"
    folder.mkdir()
    with pytest.raises(UnreadableDocument, match="方案文件夹.*文件夹"):
        read_document(folder)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", _OLE[:8], b"\xef\xbb\xbf", b"\xff\xfe"]),
    body=st.binary(max_size=2000),
    ext=st.sampled_from([".txt", ".docx", ".xlsx", ".pdf", ".doc", ""]),
)
def test_random_bytes_never_escape_as_another_exception(tmp_path, prefix, body, ext):
    path = tmp_path / f"random{ext}"
    path.write_bytes(prefix + body)
    try:
        doc = read_document(path)
    except UnreadableDocument as exc:
        assert path.name in str(exc)
    else:
        assert doc.kind in ("txt", "docx", "pdf", "xlsx")


def test_xlsx_vertically_merged_cell_belongs_to_every_row_it_covers(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for r, row in enumerate([["序号", "重点任务", "牵头单位", "完成时限"], [1, "任务甲", "市科技局", "2025年底"],
                             [2, "任务乙", None, "2024年底"], ["一、横向合并的分组行", None, None, None]], start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    ws.merge_cells("C2:C3")  # one lead for both tasks
    ws.merge_cells("A4:D4")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    assert read_document(path).text.split("\n")[1:] == [
        "1\t任务甲\t市科技局\t2025年底",
        "2\t任务乙\t市科技局\t2024年底",
        "一、横向合并的分组行",
    ]
