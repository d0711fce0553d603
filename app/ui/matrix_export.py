"""文件 → 导出责任矩阵…: a plan's matrix as the spec's JSON file (as `export --json`), for another office to import."""
from __future__ import annotations

from collections import Counter
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
    from app.notices.files import safe_file_part

    if window.store is None:
        return None
    plans = store_plan_choices(window.store)
    if not plans:
        show_user_error(window, UserError("还没有导入方案，没有可导出的责任矩阵。"))
        return None
    repeated = Counter(p.label for p in plans)  # as the plans tree names them: place first; the same twice: + id
    names = [p.label if repeated[p.label] == 1 else f"{p.label}（方案 {p.id}）" for p in plans]
    chosen = window.filters.current_filter().plan_id
    first = next((i for i, p in enumerate(plans) if p.id == chosen), 0)
    name, ok = QInputDialog.getItem(window, "导出责任矩阵", "方案：", names, first, False)
    if not ok:
        return None
    plan = plans[names.index(name)]
    path, _ = QFileDialog.getSaveFileName(window, "导出责任矩阵", str(Path.home() / f"{safe_file_part(plan.label)}.json"),
                                          "责任矩阵 (*.json)")
    if not path:
        return None
    return window.runner.run(lambda store: plan_ops.write_plan_json(store, plan.id, Path(path)),
                             label="正在导出责任矩阵",
                             done=lambda out: window.statusBar().showMessage(f"已导出责任矩阵：{out}", 8000),
                             failed=lambda exc: show_refusal(window, exc, "无法导出责任矩阵"))
