"""Test helpers: make .docx, .pdf and .xlsx files from plain text or rows, as offices produce them.

- `make_docx(text, path)`: one paragraph per line; consecutive lines holding tabs become a Word table
  (one row per line), and a row whose trailing cells are empty gets them merged into one cell, as a
  title row spanning the table is in Word.
- `make_pdf(text, path)`: A4 with a CJK TrueType font, each line a paragraph wrapped to the text
  width the way a word processor wraps Chinese (so the text layer breaks lines inside sentences),
  and a running page number "— N —" at the foot of every page.
- `make_xlsx(rows, path)`: the rows placed below a title and away from A1 (the header row is not
  the first row and not in column A), the way task tables are laid out in real workbooks.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT_NAME = "WenQuanYiMicroHei"


# --------------------------------------------------------------------------------------------- docx


def _table_blocks(lines: list[str]):
    """Group lines into ("p", line) and ("table", [rows]) blocks: consecutive tab lines are a table."""
    blocks: list[tuple[str, object]] = []
    for line in lines:
        if "\t" in line:
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(line.split("\t"))
            else:
                blocks.append(("table", [line.split("\t")]))
        else:
            blocks.append(("p", line))
    return blocks


def _add_table(doc, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        row = table.rows[r]
        for c, value in enumerate(cells):
            row.cells[c].text = value
        filled = len(cells)
        while filled > 1 and not cells[filled - 1].strip():
            filled -= 1
        if filled < width:  # merge the empty tail into the last filled cell, as Word does for a title row
            row.cells[filled - 1].merge(row.cells[width - 1])
            row.cells[filled - 1].text = cells[filled - 1]


def make_docx(text: str, path: str | Path) -> Path:
    from docx import Document

    doc = Document()
    for kind, block in _table_blocks(text.split("\n")):
        if kind == "table":
            _add_table(doc, block)
        else:
            doc.add_paragraph(block)
    path = Path(path)
    doc.save(path)
    return path


# ---------------------------------------------------------------------------------------------- pdf


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        # Face 0 of the collection is the proportional WenQuanYi Micro Hei (1 is the Mono face).
        pdfmetrics.registerFont(TTFont(FONT_NAME, FONT_FILE, subfontIndex=0))
    return FONT_NAME


def _page_number(canvas, doc) -> None:
    from reportlab.lib.pagesizes import A4

    canvas.saveState()
    canvas.setFont(FONT_NAME, 11)
    canvas.drawCentredString(A4[0] / 2, 40, f"— {doc.page} —")
    canvas.restoreState()


def make_pdf(text: str, path: str | Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = _register_font()
    style = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    story = []
    for line in text.split("\n"):
        if line.strip():
            # Tab-separated rows are printed as spaced columns: what a PDF of a simple table yields.
            story.append(Paragraph(escape(line.replace("\t", "    ").strip()), style))
        else:
            story.append(Spacer(1, 6))
    path = Path(path)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm,
                            topMargin=37 * mm, bottomMargin=35 * mm)
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return path


# --------------------------------------------------------------------------------------------- xlsx


def make_xlsx(rows, path: str | Path, *, title: str | None = "重点任务分工表", first_row: int = 3,
              first_col: int = 2, sheet: str = "任务分工") -> Path:
    """Write `rows` (lists of cell values; None or "" for empty cells) starting at (first_row, first_col),
    with a merged title above them."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    width = max(len(r) for r in rows)
    if title:
        ws.cell(row=1, column=first_col, value=title)
        ws.merge_cells(start_row=1, start_column=first_col, end_row=1, end_column=first_col + width - 1)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value not in (None, ""):
                ws.cell(row=first_row + r, column=first_col + c, value=value)
    path = Path(path)
    wb.save(path)
    return path
