"""A batch renders every notice in order (over worker processes when large) and merges them for printing."""
import dataclasses
import io

import pytest
from pypdf import PdfReader

from app.notices.batch import render, render_all
from app.notices.content import NoticeNumber
from app.notices.merge import merge_pdfs

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
