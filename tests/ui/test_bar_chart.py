from app.ui.bar_chart import BAR_HEIGHT, ROW_GAP, UnitBar, UnitCompletionChart


def test_click_on_second_bar_emits_its_unit(qtbot):
    chart = UnitCompletionChart()
    qtbot.addWidget(chart)
    chart.set_bars([UnitBar("市财政局", 1, 4), UnitBar("市教育局", 3, 3)])
    chart.resize(600, 200)
    chart.show()
    y = ROW_GAP + (BAR_HEIGHT + ROW_GAP) + BAR_HEIGHT // 2
    from PySide6.QtCore import QPoint, Qt

    with qtbot.waitSignal(chart.unitClicked) as blocker:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(300, y))
    assert blocker.args == ["市教育局"]
    assert chart.bar_at(1000) is None
    assert chart.grab().width() == 600  # paints without error
