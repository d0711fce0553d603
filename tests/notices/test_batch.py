"""A batch renders every notice in order (over worker processes when large) and merges them for printing."""
import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from app.notices.batch import render, render_all
from app.notices.content import NoticeNumber
from app.notices.merge import merge_pdfs
from app.notices.supervision import supervision_pdf

from . import pdfcheck


def test_batch_over_processes_keeps_order_and_matches_one_by_one(supervision, tmp_path):
    notices = [dataclasses.replace(supervision, number=NoticeNumber("市督办", 2026, i), tasks=supervision.tasks[:1])
               for i in range(1, 5)]
    parallel = render_all(notices, workers=2, use_system_fonts=False)
    assert parallel == render_all(notices, workers=1, use_system_fonts=False)
    assert [f"市督办〔2026〕{i}号" in pdfcheck.text(p) for i, p in enumerate(parallel, 1)] == [True] * 4
    merged = merge_pdfs(parallel, tmp_path / "all.pdf")
    pages = [len(PdfReader(io.BytesIO(p)).pages) for p in parallel]
    assert len(PdfReader(str(merged)).pages) == sum(pages)
    assert [p.name for p in tmp_path.iterdir()] == ["all.pdf"]  # no temporary file left behind


def test_render_refuses_what_is_not_a_notice():
    with pytest.raises(TypeError):
        render("督办")


def test_a_merged_pdf_holds_every_page_as_drawn_and_merges_again(supervision, fonts, tmp_path):
    """The merge copies the notices' objects (no pypdf): each page reads back as in its own notice, fonts and
    all, and a merged file given by path (another shape: no outline, one page tree of branches) merges again."""
    parts = [supervision_pdf(dataclasses.replace(supervision, number=NoticeNumber("市督办", 2026, i),
                                                 tasks=supervision.tasks[:k]), fonts) for i, k in ((1, 1), (2, 3))]
    merged = merge_pdfs(parts, tmp_path / "a.pdf")
    one_by_one = [page for part in parts for page in pdfcheck.page_texts(part)]
    assert pdfcheck.page_texts(merged.read_bytes()) == one_by_one
    again = merge_pdfs([merged, parts[0]], tmp_path / "b.pdf")
    assert pdfcheck.page_texts(again.read_bytes()) == one_by_one + pdfcheck.page_texts(parts[0])
    assert len(PdfReader(str(again)).pages) == len(one_by_one) + len(PdfReader(io.BytesIO(parts[0])).pages)


def test_a_pdf_of_another_shape_is_merged_by_pypdf(supervision, fonts, tmp_path):
    """An incrementally updated PDF (a second cross-reference section pointing back with /Prev): valid, but not
    the one plain table the object copy reads."""
    own = supervision_pdf(supervision, fonts)
    root = re.search(rb"/Root (\d+) 0 R", own)[1]
    size = re.search(rb"/Size (\d+)", own)[1]
    prev = re.search(rb"startxref\s+(\d+)", own)[1]
    update = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %s /Root %s 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n"
    other = own + update % (size, root, prev, len(own))
    pages = len(PdfReader(io.BytesIO(own)).pages)
    assert len(PdfReader(io.BytesIO(other)).pages) == pages
    merged = merge_pdfs([other, own], tmp_path / "c.pdf")
    assert pdfcheck.page_texts(merged.read_bytes()) == pdfcheck.page_texts(own) * 2
