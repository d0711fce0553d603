"""Invented plans of the genre's other forms (issue 12) read exactly to their hand-written gold.

Each document in tests/fixtures/genre/ (.txt, .docx, .xlsx, .pdf) has a gold file of the same stem in
the shared matrix-json shape; tests/fixtures/genre/README.md lists the conventions the gold follows
where the spec is silent. A fixture the reader does not read exactly yet is listed in PENDING with the
reason: its test is a strict xfail, so it fails as soon as it passes and must then leave the list.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from app.reading.documents import read_document
from app.reading.extract import extract_file

GENRE = Path(__file__).resolve().parents[1] / "fixtures" / "genre"
FORMATS = (".txt", ".docx", ".xlsx", ".pdf")
DOCUMENTS = sorted(p for p in GENRE.iterdir() if p.is_file() and p.suffix in FORMATS)
KINDS = ("labels", "roles", "tables", "web", "numbers", "units", "deadlines", "unknown")

# Fixtures the reader does not yet read exactly: stem → what it misses. Remove an entry once it passes.
PENDING: dict[str, str] = {
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


def test_every_kind_is_covered_several_times_in_every_format() -> None:
    for kind in KINDS:
        assert sum(d.stem.startswith(kind + "_") for d in DOCUMENTS) >= 3, kind
    assert all(d.stem.split("_")[0] in KINDS for d in DOCUMENTS)
    suffixes = [d.suffix for d in DOCUMENTS]
    assert suffixes.count(".docx") >= 4 and suffixes.count(".xlsx") >= 3 and suffixes.count(".pdf") >= 2
    assert len(DOCUMENTS) >= 44


def test_pending_names_only_existing_fixtures() -> None:
    assert set(PENDING) <= {d.stem for d in DOCUMENTS}


def test_gold_files_have_the_spec_shape() -> None:
    """A typing slip in a hand-written gold (a missing key, a date not ISO) fails here, not as a reader bug."""
    plan_keys = {"title", "issuer", "doc_number", "issued", "parent", "first_listed_is_lead"}
    task_keys = {"ref", "title", "lead", "responsible", "deadline"}
    for document in DOCUMENTS:
        gold = _gold(document)
        assert set(gold) == {"source", "plan", "standing_units", "tasks"}, document.name
        assert set(gold["plan"]) == plan_keys, document.name  # type: ignore[arg-type]
        refs = [tuple(t["ref"]) for t in gold["tasks"]]  # type: ignore[attr-defined]
        assert refs and len(refs) == len(set(refs)), document.name
        for task in gold["tasks"]:  # type: ignore[attr-defined]
            assert set(task) == task_keys, (document.name, task["ref"])
            assert task["title"] and "（牵头" not in task["title"] and not set(task["lead"]) & set(task["responsible"])
            deadline = task["deadline"]
            if deadline is not None:
                assert set(deadline) == {"text", "due", "ongoing"}, (document.name, task["ref"])
                assert deadline["due"] is None or date.fromisoformat(deadline["due"])


def test_binary_fixtures_hold_their_sources_text() -> None:
    """The committed .docx/.xlsx/.pdf were built from src/ as it stands (make_binary.py was rerun)."""
    for source in sorted((GENRE / "src").glob("*.txt")):
        document = GENRE / source.name.removesuffix(".txt")
        text = re.sub(r"\s+", "", read_document(document).text)
        for line in source.read_text(encoding="utf-8").split("\n"):
            for cell in line.replace("\\n", "\t").split("\t"):
                if cell not in ("", "^", "[[page]]"):
                    assert re.sub(r"\s+", "", cell) in text, (document.name, cell)
