"""One PDF for printing a batch: the units' notices one after another (pypdf), written atomically.

Each notice keeps its own page numbers (— 1 — on its first page). Printed two-sided, each notice must
start on a front (odd) page: `two_sided=True` puts a blank page after a notice of an odd number of pages.
"""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Iterable

from app.notices.layout import write_pdf


def merge_pdfs(parts: Iterable[bytes | str | os.PathLike[str]], out: str | os.PathLike[str], *,
               two_sided: bool = False) -> Path:
    """Concatenate PDFs (bytes or files) into `out`, in the order given (each from an odd page if `two_sided`)."""
    from pypdf import PdfWriter  # 0.1 s to import: only a batch pays for it

    writer = PdfWriter()
    for part in parts:
        if two_sided and len(writer.pages) % 2:
            last = writer.pages[-1].mediabox
            writer.add_blank_page(float(last.width), float(last.height))
        writer.append(io.BytesIO(part) if isinstance(part, bytes) else str(part))
    buffer = io.BytesIO()
    writer.write(buffer)
    return write_pdf(out, buffer.getvalue())
