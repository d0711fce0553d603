"""Reading generated PDFs back: page size, where every character sits, which fonts are embedded."""
from __future__ import annotations

import io
import re

import pdfplumber
from pypdf import PdfReader

MM = 72 / 25.4
A4 = (595.28, 841.89)
BLOCK = (28 * MM, 37 * MM, (28 + 156) * MM, (37 + 225) * MM)  # x0, top, x1, bottom (from the top)
TOLERANCE = 1 * MM
PAGE_NUMBER = re.compile(r"^— \d+ —$")


def lines(page) -> list[tuple[str, list[dict]]]:
    """The page's characters grouped into text lines (by their vertical position)."""
    rows: dict[int, list[dict]] = {}
    for ch in page.chars:
        rows.setdefault(round(ch["top"]), []).append(ch)
    return [("".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])), cs) for _, cs in sorted(rows.items())]


def outside_block(data: bytes, allowed: tuple[str, ...] = ()) -> list[str]:
    """Every text line not inside the 156 × 225 mm block (± 1 mm), page numbers and `allowed` lines excepted."""
    bad = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for text, chars in lines(page):
                if PAGE_NUMBER.match(text.strip()) or text.strip() in allowed:
                    continue
                x0 = min(c["x0"] for c in chars)
                x1 = max(c["x1"] for c in chars)
                top = min(c["top"] for c in chars)
                bottom = max(c["bottom"] for c in chars)
                if (x0 < BLOCK[0] - TOLERANCE or x1 > BLOCK[2] + TOLERANCE
                        or top < BLOCK[1] - TOLERANCE or bottom > BLOCK[3] + TOLERANCE):
                    bad.append(f"p{number} [{x0 / MM:.1f}–{x1 / MM:.1f} mm, {top / MM:.1f}–{bottom / MM:.1f} mm] {text}")
    return bad


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(io.BytesIO(data)).pages]


def _squeeze(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def text(data: bytes) -> str:
    """All the text, whitespace removed, each table cell read as one piece (its wrapped lines joined).

    Lines outside tables are joined without breaks, so a title wrapped over two lines reads as one.
    Pieces are separated by "|" so that text cannot seem to run from one cell into the next.
    """
    pieces = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                if obj.get("object_type") != "char":
                    return True
                cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

            pieces.append("".join(t for t, _ in lines(page.filter(outside))))
            for table in tables:
                for row in table.extract():
                    pieces += [cell or "" for cell in row]
    return "|".join(_squeeze(p) for p in pieces)


def page_texts(data: bytes) -> list[list[str]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [[t for t, _ in lines(page)] for page in pdf.pages]


def fonts(data: bytes) -> dict[str, bool]:
    """Base font name → whether its program is embedded as TrueType (FontFile2), over all pages."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"])] = embedded
    return found
