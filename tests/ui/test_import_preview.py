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


def _puzzling_matrix():
    from app.reading.extract import extract_text

    text = ("枫岭县健身步道建设方案\n\n一、重点任务\n\n（一）建设环湖步道。（县体育局负责，年底前）\n\n"
            "（二）开放学校操场。推进开放。\n\n（三）完善照明设施。（县住建局负责，2025年6月底前）\n")
    return extract_text(text, "plan.txt")


def test_preview_marks_the_rows_the_reader_did_not_understand_and_lists_why(qtbot):
    from PySide6.QtCore import Qt

    from app.ui.import_dialog import ImportPreviewDialog
    from app.ui.matrix_preview_model import COL_REF, MARK

    matrix = _puzzling_matrix()
    dialog = ImportPreviewDialog("", matrix)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.marked_rows() == [0, 1]  # 一（一）: no year; 一（二）: no note; 一（三） is clean
    assert model.data(model.index(1, COL_REF)).startswith(MARK)
    assert model.data(model.index(1, COL_REF), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(2, COL_REF), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(2, COL_REF)) == "一（三）"
    assert "第7行" in model.data(model.index(1, COL_LEAD), Qt.ItemDataRole.ToolTipRole)
    listed = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert any("一（二）" in line and "没有识别出责任单位" in line for line in listed)
    assert any("年底前" in line and "方案年份" in line for line in listed)
    dialog.warnings.itemClicked.emit(next(dialog.warnings.item(i) for i in range(dialog.warnings.count())
                                          if "一（二）" in dialog.warnings.item(i).text()))
    assert dialog.table.currentIndex().row() == 1


def test_preview_asks_for_the_plan_year_and_dates_the_relative_deadlines(qtbot):
    from datetime import date

    from app.ui.import_dialog import ImportPreviewDialog

    matrix = _puzzling_matrix()
    assert matrix.tasks[0].deadline.due is None
    dialog = ImportPreviewDialog("", matrix)
    qtbot.addWidget(dialog)
    assert dialog.year_row.isVisibleTo(dialog)
    assert dialog.apply_year() == 0  # "未知": nothing changes
    dialog.year_edit.setValue(2025)
    assert dialog.apply_year() == 1
    assert matrix.tasks[0].deadline.due == date(2025, 12, 31)
    assert matrix.tasks[0].deadline.text == "年底前"
    assert dialog.model.marked_rows() == [1]  # the year's mark went; the missing note's stays
    clean = ImportPreviewDialog("", Matrix.from_json(matrix.to_json()))
    qtbot.addWidget(clean)
    assert not clean.year_row.isVisibleTo(clean)
