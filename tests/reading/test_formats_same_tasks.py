"""The same plan as .docx, as .pdf and (table-shaped) as .xlsx gives the same tasks as its plain text.

Files are made by the tests from the seeds' text (tests/reading/makedocs.py): a Word document with one
paragraph per line, a PDF whose lines wrap inside sentences and carry running page numbers, and a task
table laid out as offices lay it out (header row away from A1, group rows between the tasks).
"""
import json
from pathlib import Path

import pytest

extract = pytest.importorskip("app.reading.extract")  # skips until the extractor lands

from app.domain.matrix import Matrix  # noqa: E402

from .makedocs import make_docx, make_pdf, make_xlsx  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
HEADER = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]


def _tasks(path: Path) -> list[tuple]:
    return _plan_and_tasks(path)[1]


def _plan_and_tasks(path: Path) -> tuple[dict, list[tuple]]:
    """The plan's fields and its tasks: a wrapped title or a quoted name cut by a line must read the same."""
    matrix = extract.extract_file(path)
    plan = matrix.plan.to_json()
    return plan, [
        (t.ref, t.title, t.lead, t.responsible, t.deadline.to_json() if t.deadline else None)
        for t in matrix.tasks
    ]


@pytest.fixture(scope="module")
def made_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("formats")


@pytest.mark.parametrize("maker,suffix", [(make_docx, ".docx"), (make_pdf, ".pdf")], ids=["docx", "pdf"])
@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_same_tasks_as_the_text(made_dir, seed, maker, suffix):
    expected_plan, expected = _plan_and_tasks(seed)
    assert expected, "the seed itself gives tasks"
    made = maker(seed.read_text(encoding="utf-8"), made_dir / (seed.stem + suffix))
    plan, tasks = _plan_and_tasks(made)
    assert tasks == expected
    assert plan == expected_plan


def _gold(seed: Path) -> Matrix:
    return Matrix.from_json(json.loads((FIXTURES / "gold" / (seed.stem + ".json")).read_text(encoding="utf-8")))


def _section_headings(seed: Path) -> dict[str, str]:
    """The plan's own top-level headings ("三、主要任务") by their numeral, for the table's group rows."""
    headings = {}
    for line in seed.read_text(encoding="utf-8").split("\n"):
        line = line.strip().lstrip("#* ")
        numeral, sep, _ = line.partition("、")
        if sep and 0 < len(numeral) <= 3 and all(c in "一二三四五六七八九十" for c in numeral):
            headings.setdefault(numeral, line[:40])
    return headings


def _table_rows(seed: Path) -> list[list]:
    """The seed's tasks as a task table: header, a group row per section, one row per task."""
    gold = _gold(seed)
    headings = _section_headings(seed)
    rows, section = [HEADER], None
    for number, task in enumerate(gold.tasks, start=1):
        if task.ref[0] != section:
            section = task.ref[0]
            rows.append([headings.get(section, section + "、"), None, None, None, None])
        rows.append([
            number,
            task.title,
            "、".join(task.lead),
            "、".join(task.responsible),
            task.deadline.text if task.deadline else None,
        ])
    return rows


# A plan whose tasks name leads, so that the table has all its columns filled.
TABLE_SEED = next(s for s in SEEDS if any(t.lead for t in _gold(s).tasks))


def test_task_table_reads_alike_as_xlsx_docx_table_and_pasted_text(made_dir):
    rows = _table_rows(TABLE_SEED)
    pasted = "\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)
    as_text = made_dir / "table.txt"
    as_text.write_text("重点任务分工表\n" + pasted + "\n", encoding="utf-8")
    from_text = _tasks(as_text)
    titles = [row[1] for row in rows[1:] if row[1]]
    assert [t[1] for t in from_text] == titles
    assert _tasks(make_xlsx(rows, made_dir / "table.xlsx")) == from_text
    assert _tasks(make_docx("重点任务分工表\n" + pasted, made_dir / "table.docx")) == from_text
