"""Open the dashboard on the current database and turn its clicks into the filtered table.

The dashboard opens at once and its figures are counted on the database runner (about a second over 100,000
tasks): the window stays live, and `window.dashboard` is set once the figures are in."""
from __future__ import annotations

from app.domain.task_filter import TaskFilter
from app.ui.bar_chart import UnitBar
from app.ui.dashboard import Dashboard, DashboardData, UpcomingTask


def open_dashboard(window) -> Dashboard:
    """Show the dashboard now (one at a time), fill it when the figures arrive."""
    from app.ops.workspace import dashboard_figures

    opening = getattr(window, "_dashboard_opening", None)
    if opening is not None and opening.isVisible():
        return opening
    dashboard = getattr(window, "_dashboard_spare", None) or Dashboard(None, window)
    window._dashboard_spare = None
    dashboard.lightClicked.connect(lambda light: _show(window, TaskFilter(lights=(light,))))
    dashboard.unitClicked.connect(lambda unit: _show(window, TaskFilter(unit=unit)))
    dashboard.taskClicked.connect(window.select_task)
    # Not window-modal: blocking the main window would repaint all of it (its table too) as the dialog opens.
    dashboard.show()
    window._dashboard_opening = dashboard
    today = window.today

    def fill(figures) -> None:
        window._dashboard_opening = None
        dashboard.set_data(dashboard_data(figures))
        window.dashboard = dashboard

    def failed(exc: BaseException) -> None:
        window._dashboard_opening = None
        dashboard.reject()
        window.runner.report(exc)

    window.runner.run(lambda store: dashboard_figures(store, today=today), label="正在统计督办概览",
                      done=fill, failed=failed)
    return dashboard


def dashboard_data(figures) -> DashboardData:
    return DashboardData(
        light_counts=figures.light_counts,
        # Each with its status word, as the table and the detail pane say it (the list holds every light's next
        # deadlines, not only 临期 ones).
        upcoming=[UpcomingTask(r.id, f"{r.status}  {r.ref_label} {r.title}（{'、'.join(r.lead)}）", r.due)
                  for r in figures.upcoming],
        units=[UnitBar(u.unit, u.done, u.total) for u in figures.units],
    )


def _show(window, task_filter: TaskFilter) -> None:
    """The table with just that selection, shown in the filter boxes (the search cleared)."""
    window.filters.search.clear()
    window.side.forget_view()
    window.filters.set_base(task_filter)


def prepare_dashboard(window) -> None:
    """Build one dashboard ahead, hidden, while the window is idle. The first dashboard of a process costs
    50–250 ms on the interface thread (PySide6 creates the Python enums of its widget classes on first use,
    about 140 of them); later ones cost about 10 ms."""
    if getattr(window, "_dashboard_spare", None) is None:
        window._dashboard_spare = Dashboard(None, window)
