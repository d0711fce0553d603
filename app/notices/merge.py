"""One PDF for printing a batch: the units' notices one after another, written atomically.

Each notice keeps its own page numbers (— 1 — on its first page). Printed two-sided, each notice must
start on a front (odd) page: `two_sided=True` puts a blank page after a notice of an odd number of pages.

The notices are reportlab's own PDFs (one cross-reference table, no object streams, every stream's length
written out), so they are joined by copying their objects under new numbers, each notice's page tree
becoming a branch of the merged one: 1–2 ms a notice, where parsing every object with pypdf took 10 ms (a
quarter of a batch's time). A PDF of another shape (a file given by path that is not ours) goes through pypdf.
"""
from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Iterable, Sequence

from app.notices.layout import write_pdf

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_ROOT = re.compile(rb"/Root\s+(\d+)\s+0\s+R")
_PAGES = re.compile(rb"/Pages\s+(\d+)\s+0\s+R")
_REF = re.compile(rb"(\d+) 0 R\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)\s")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_COUNT = re.compile(rb"/Count\s+(\d+)")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_MEDIABOX = re.compile(rb"/MediaBox\s*\[([^\]]*)\]")


class _NotOurs(ValueError):
    """A PDF the plain object copy does not handle (pypdf merges it instead)."""


def _offsets(pdf: bytes) -> dict[int, int]:
    found = _STARTXREF.search(pdf, max(0, len(pdf) - 64))
    if not found:
        raise _NotOurs("no startxref")
    start = int(found[1])
    end = pdf.find(b"trailer", start)
    tokens = pdf[start:end].split()
    if end < 0 or tokens[:1] != [b"xref"] or len(tokens) != 3 + 3 * int(tokens[2]) or tokens[1] != b"0":
        raise _NotOurs("not one plain cross-reference table")
    entries = tokens[3:]
    return {i: int(entries[3 * i]) for i in range(len(entries) // 3) if entries[3 * i + 2] == b"n"}


class _Part:
    """One notice's objects: each object's text before its stream, and the stream's raw bytes."""

    def __init__(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.offsets = _offsets(pdf)
        trailer = pdf[pdf.rfind(b"trailer"):]
        root = _ROOT.search(trailer)
        if not root:
            raise _NotOurs("no catalog")
        pages = _PAGES.search(self._object(int(root[1]))[0])
        if not pages:
            raise _NotOurs("no page tree")
        self.pages = int(pages[1])

    def _object(self, number: int) -> tuple[bytes, bytes]:
        """(dictionary text, stream with its keywords or b"") of object `number`, without `N 0 obj`/`endobj`."""
        start = self.offsets.get(number)
        if start is None:
            raise _NotOurs(f"object {number} missing")
        head_end = self.pdf.find(b"obj", start) + 3
        end = self.pdf.find(b"endobj", head_end)
        stream = _STREAM.search(self.pdf, head_end, end) if end > 0 else None
        if end < 0 or not self.pdf[start:head_end - 3].strip().endswith(b"0"):
            raise _NotOurs(f"object {number} unreadable")
        if stream is None:
            return self.pdf[head_end:end], b""
        length = _LENGTH.search(self.pdf, head_end, stream.start())
        if not length:
            raise _NotOurs(f"stream {number} without a direct length")
        data_end = stream.end() + int(length[1])
        close = self.pdf.find(b"endstream", data_end)
        if close < 0 or close - data_end > 2:
            raise _NotOurs(f"stream {number} of the wrong length")
        return self.pdf[head_end:stream.start() + 2], self.pdf[stream.start() + 2:close + len(b"endstream")]

    def reachable(self) -> dict[int, tuple[bytes, bytes]]:
        """Every object the page tree uses (not the catalog, outlines or document information)."""
        seen: dict[int, tuple[bytes, bytes]] = {}
        todo = [self.pages]
        while todo:
            number = todo.pop()
            if number in seen:
                continue
            seen[number] = obj = self._object(number)
            todo += (int(m[1]) for m in _REF.finditer(obj[0]))
        return seen


def _join(pdfs: Sequence[bytes], two_sided: bool) -> bytes:
    """The PDFs' pages one after another in one PDF (object 1 the page tree, 2 the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\x93\x8c\x8b\x9e\n")
    offsets: list[int] = [0, 0, 0]  # objects 1 and 2 are written last
    kids: list[int] = []
    total = 0

    def add(body: bytes) -> int:
        offsets.append(out.tell())
        number = len(offsets) - 1
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        return number

    last_page = b""  # the last page object so far (its size is the blank page's)
    for pdf in pdfs:
        part = _Part(pdf)
        objects = part.reachable()
        if two_sided and total % 2:
            box = _MEDIABOX.search(last_page)
            size = box[1].strip() if box else b"0 0 595.2756 841.8898"
            kids.append(add(b"<< /Type /Page /Parent 1 0 R /MediaBox [ %s ] /Resources << >> >>" % size))
            total += 1
        renumber = {old: len(offsets) + rank for rank, old in enumerate(sorted(objects))}

        def new_ref(m: re.Match[bytes]) -> bytes:
            return b"%d 0 R" % renumber[int(m[1])]

        for old in sorted(objects):
            text, stream = objects[old]
            text = _REF.sub(new_ref, text)
            if old == part.pages:
                count = _COUNT.search(text)
                old_kids = _KIDS.search(objects[old][0])
                if not count or not old_kids or not old_kids[1].split():
                    raise _NotOurs("no pages")
                total += int(count[1])
                last_page = objects[int(old_kids[1].split()[-3])][0]
                text = text.replace(b"<<", b"<< /Parent 1 0 R", 1)
                kids.append(renumber[old])
            add(text + stream)
    first_pages = out.tell()
    kid_list = b" ".join(b"%d 0 R" % k for k in kids)
    out.write(b"1 0 obj\n<< /Type /Pages /Count %d /Kids [ %s ] >>\nendobj\n" % (total, kid_list))
    catalog = out.tell()
    out.write(b"2 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\n")
    offsets[1], offsets[2] = first_pages, catalog
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(offsets))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets[1:]))
    out.write(b"trailer\n<< /Size %d /Root 2 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets), xref))
    return out.getvalue()


def _with_pypdf(parts: Sequence[bytes], two_sided: bool) -> bytes:
    from pypdf import PdfWriter  # 0.1 s to import: only a PDF not of our making pays for it

    writer = PdfWriter()
    for part in parts:
        if two_sided and len(writer.pages) % 2:
            last = writer.pages[-1].mediabox
            writer.add_blank_page(float(last.width), float(last.height))
        writer.append(io.BytesIO(part))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def merge_pdfs(parts: Iterable[bytes | str | os.PathLike[str]], out: str | os.PathLike[str], *,
               two_sided: bool = False) -> Path:
    """Concatenate PDFs (bytes or files) into `out`, in the order given (each from an odd page if `two_sided`)."""
    pdfs = [part if isinstance(part, bytes) else Path(part).read_bytes() for part in parts]
    try:
        data = _join(pdfs, two_sided)
    except (_NotOurs, KeyError, IndexError, ValueError):
        data = _with_pypdf(pdfs, two_sided)
    return write_pdf(out, data)
