"""One PDF for printing a batch: the units' notices one after another (pypdf), written atomically."""
from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Iterable

from app.notices.layout import write_pdf


def merge_pdfs(parts: Iterable[bytes | str | os.PathLike], out: str | os.PathLike) -> Path:
    """Concatenate PDFs (bytes or files) into `out`, in the order given."""
    from pypdf import PdfWriter  # 0.1 s to import: only a batch pays for it

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part) if isinstance(part, bytes) else str(part))
    buffer = io.BytesIO()
    writer.write(buffer)
    return write_pdf(out, buffer.getvalue())
