"""Invented plans of the genre's other forms (issue 12) read exactly to their hand-written gold.

Each document in tests/fixtures/genre/ (.txt, .docx, .xlsx, .pdf) has a gold file of the same stem in
the shared matrix-json shape; tests/fixtures/genre/README.md lists the conventions the gold follows
where the spec is silent. A fixture the reader does not read exactly yet is listed in PENDING with the
reason: its test is a strict xfail, so it fails as soon as it passes and must then leave the list.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.reading.extract import extract_file

GENRE = Path(__file__).resolve().parents[1] / "fixtures" / "genre"
FORMATS = (".txt", ".docx", ".xlsx", ".pdf")
DOCUMENTS = sorted(p for p in GENRE.iterdir() if p.is_file() and p.suffix in FORMATS)
KINDS = ("labels", "roles", "tables", "web", "numbers", "units", "deadlines", "unknown")

# Fixtures the reader does not yet read exactly: stem → what it misses. Remove an entry once it passes.
PENDING: dict[str, str] = {
    "deadlines_01_closing_sentence": "closing sentence read into the last 完成时限; 城关镇 given the 县 prefix",
    "labels_01_fuze_bumen": "负责部门/配合部门 labels: label kept in the unit, 负责 not read as lead",
    "labels_02_zeren_bumen_fanwei": "适用范围/工作目标 fields read as units; signature after the body not read",
    "numbers_01_number_number": "2.1000… / 3.5G… / 5.2024… / 6.121… not read as items 2, 3, 5, 6; signature",
    "numbers_02_long_toplevel": "若干措施 title; 发展基础较好 item taken for a frame heading; signature",
    "roles_02_huitong_peihe": "会同 / 分别负责 / X负责，Y配合 role words; signature after the body",
    "tables_01_cell_per_line": "one-cell-per-line table not read; notice title",
    "tables_02_notice_attachment": "signature of an 办公室 above the date not read",
    "units_01_shared_ge": "shared 各 over 区、县级市; prefix over 医保局/残联 after 市民政局; signature",
    "unknown_01_no_note": "unknown labels 督办单位/联络员 read as units; signature",
    "web_01_meta_block": "metadata block: issuer from breadcrumb, title split over two lines",
}


def _case(document: Path) -> object:
    marks = []
    if document.stem in PENDING:
        marks.append(pytest.mark.xfail(strict=True, reason=PENDING[document.stem]))
    return pytest.param(document, id=document.stem, marks=marks)


def _gold(document: Path) -> dict[str, object]:
    gold: dict[str, object] = json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))
    return gold


@pytest.mark.parametrize("document", [_case(d) for d in DOCUMENTS])
def test_genre_fixture_reads_to_its_gold(document: Path) -> None:
    gold = _gold(document)
    got = extract_file(document).to_json()
    assert got["plan"] == gold["plan"]
    assert got["standing_units"] == gold["standing_units"]
    assert [t["ref"] for t in got["tasks"]] == [t["ref"] for t in gold["tasks"]]  # type: ignore[union-attr]
    for mine, want in zip(got["tasks"], gold["tasks"]):  # type: ignore[call-overload]
        assert mine == want, f"task {''.join(want['ref'])}"
    assert got == gold


def test_every_document_has_its_gold_and_every_gold_its_document() -> None:
    stems = [d.stem for d in DOCUMENTS]
    golds = sorted(p.stem for p in GENRE.glob("*.json"))
    assert sorted(stems) == golds
    assert len(stems) == len(set(stems))  # one document per stem, whatever its format
    for document in DOCUMENTS:
        assert _gold(document)["source"] == document.name


def test_pending_names_only_existing_fixtures() -> None:
    assert set(PENDING) <= {d.stem for d in DOCUMENTS}
