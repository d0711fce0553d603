"""The import preview: an editable matrix model (checked by qtmodeltester) and notes highlighted in the source."""
import json

from app.domain.matrix import Matrix
from app.ui.matrix_preview_model import COL_DUE, COL_DEADLINE, COL_LEAD, COL_TITLE, MatrixPreviewModel
from app.ui.note_highlighter import find_notes


def _gold(gold_dir, stem="001_4cc03577722d74ad"):
    return Matrix.from_json(json.loads((gold_dir / f"{stem}.json").read_text(encoding="utf-8")))


def test_preview_model_passes_qtmodeltester(qtmodeltester, gold_dir):
    model = MatrixPreviewModel(_gold(gold_dir))
    qtmodeltester.check(model)


def test_edits_change_the_matrix_that_will_be_imported(qapp, gold_dir):
    matrix = _gold(gold_dir)
    model = MatrixPreviewModel(matrix)
    assert model.setData(model.index(0, COL_LEAD), "市财政局、 市教育局")
    assert matrix.tasks[0].lead == ["市财政局", "市教育局"]
    assert model.setData(model.index(0, COL_DUE), "2026-06-30")
    assert matrix.tasks[0].deadline.due.isoformat() == "2026-06-30"
    assert matrix.tasks[0].deadline.text == "2025年底并持续推进"  # the printed phrase is kept
    assert not model.setData(model.index(0, COL_DUE), "明年")  # not a date: refused, nothing changed
    assert matrix.tasks[0].deadline.due.isoformat() == "2026-06-30"
    assert not model.setData(model.index(0, COL_TITLE), "  ")
    assert model.setData(model.index(1, COL_DEADLINE), "")
    assert matrix.tasks[1].deadline is None


def test_notes_found_in_both_bracket_styles():
    text = "推动计量数字化转型。（**牵头单位：**市市场监督管理局；**完成时限：**持续推进）另有（2021—2035年）。"
    notes = find_notes(text)
    assert len(notes) == 1 and text[notes[0][0]:].startswith("（**牵头单位")
    assert len(find_notes("(责任单位:市市场监管局、市科技局)")) == 1
