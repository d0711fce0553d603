"""Open the dashboard on the current database and turn its clicks into the filtered table.

The figures are counted on the database runner (about a second over 100,000 tasks): the window stays live and
the dashboard opens when they arrive."""
from __future__ import annotations

from app.domain.task_filter import TaskFilter
from app.ui.bar_chart import UnitBar
from app.ui.dashboard import Dashboard, DashboardData, UpcomingTask


def open_dashboard(window) -> None:
    """Count the figures off the interface thread, then show the dashboard (one at a time)."""
    from app.ops.workspace import dashboard_figures

    if getattr(window, "_dashboard_pending", False):
        return
    window._dashboard_pending = True
    today = window.today

    def show(figures) -> None:
        window._dashboard_pending = False
        show_dashboard(window, figures)

    def failed(exc: BaseException) -> None:
        window._dashboard_pending = False
        window.runner.report(exc)

    window.runner.run(lambda store: dashboard_figures(store, today=today), label="正在统计督办概览",
                      done=show, failed=failed)


def show_dashboard(window, figures) -> Dashboard:
    data = DashboardData(
        light_counts=figures.light_counts,
        upcoming=[UpcomingTask(r.id, f"{r.ref_label} {r.title}（{'、'.join(r.lead)}）", r.due) for r in figures.upcoming],
        units=[UnitBar(u.unit, u.done, u.total) for u in figures.units],
    )
    dashboard = Dashboard(data, window)
    dashboard.lightClicked.connect(lambda light: _show(window, TaskFilter(lights=(light,))))
    dashboard.unitClicked.connect(lambda unit: _show(window, TaskFilter(unit=unit)))
    dashboard.taskClicked.connect(window.select_task)
    dashboard.open()
    window.dashboard = dashboard
    return dashboard


def _show(window, task_filter: TaskFilter) -> None:
    """The table with just that selection: a fresh bar, the filter as its base."""
    window.filters.search.clear()
    window.filters.light.setCurrentIndex(0)
    window.filters.plan.setCurrentIndex(0)
    window.filters.unit.setCurrentIndex(0)
    window.filters.use_range.setChecked(False)
    window.side.forget_view()
    window.filters.set_base(task_filter)
