"""文件 → 导出责任矩阵…: a plan's matrix as the spec's JSON file (as `export --json`), for another office to import."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.errors import UserError
from app.ui.crash import show_refusal, show_user_error
from app.ui.plan_choosers import store_plan_choices
from app.ui.runner import LazyModule

plan_ops = LazyModule("app.ops.plans")


def export_matrix(window: Any) -> int | None:
    """Ask which plan (the one chosen in the filters first) and where, then write the file on the runner."""
    if window.store is None:
        return None
    plans = store_plan_choices(window.store)
    if not plans:
        show_user_error(window, UserError("还没有导入方案，没有可导出的责任矩阵。"))
        return None
    names = [p.label for p in plans]  # as the plans tree names them: place first
    chosen = window.filters.current_filter().plan_id
    first = next((i for i, p in enumerate(plans) if p.id == chosen), 0)
    name, ok = QInputDialog.getItem(window, "导出责任矩阵", "方案：", names, first, False)
    if not ok:
        return None
    plan = plans[names.index(name)]
    path, _ = QFileDialog.getSaveFileName(window, "导出责任矩阵", str(Path.home() / f"{plan.title[:40]}.json"),
                                          "责任矩阵 (*.json)")
    if not path:
        return None
    return window.runner.run(lambda store: plan_ops.write_plan_json(store, plan.id, Path(path)),
                             label="正在导出责任矩阵",
                             done=lambda out: window.statusBar().showMessage(f"已导出责任矩阵：{out}", 8000),
                             failed=lambda exc: show_refusal(window, exc, "无法导出责任矩阵"))
