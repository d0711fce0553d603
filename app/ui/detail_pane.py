"""The right pane: the selected task in full — text, units with their roles, the deadline as printed and as read,
the progress log and the notices issued for it — with buttons to edit it, 延期, 办结 / 重新打开, and the "add progress"
form."""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.feedback import FeedbackEntry
from app.domain.matrix import UNIT_ROLE_LABELS
from app.domain.records import ProgressRecord, TaskNotice
from app.domain.status import DONE, NO_LIGHT
from app.ui.lights import LIGHT_COLOURS
from app.ui.progress_form import ProgressForm



def _deadline_meaning(d) -> str:
    meaning = []
    if d.due:
        meaning.append(f"截止 {d.due.isoformat()}")
    if d.ongoing:
        meaning.append("并持续推进")
    if d.recurrence:
        meaning.append(f"周期：{d.recurrence}")
    read_as = "；".join(meaning) or "无具体日期"
    return f"{escape(d.text)}<br><span style='color:#666'>解读为：{escape(read_as)}</span>"


def _deadline_html(detail) -> str:
    d = detail.deadline
    html = "方案未规定完成时限" if d is None else _deadline_meaning(d)
    if detail.extension:  # (a task the plan gave no deadline can be extended too)
        html += f"<br><b>{escape(detail.extension)}</b>"
        for ext in detail.extensions:
            basis = f"，依据 {ext.basis}" if ext.basis else ""
            html += (f"<br><span style='color:#666'>{ext.recorded_on.isoformat()} 延期至 {ext.new_due.isoformat()}："
                     f"{escape(ext.reason)}{escape(basis)}</span>")
    if detail.days_left is not None:
        html += f"<br>距时限 {detail.days_left} 天" if detail.days_left >= 0 else f"<br>已超期 {-detail.days_left} 天"
    return html


def _units_html(detail) -> str:
    rows = []
    for role, label in UNIT_ROLE_LABELS.items():
        names = [u.name + ("（各方案通用）" if u.standing else "") for u in detail.units if u.role == role]
        if names:
            rows.append(f"<b>{label}：</b>{escape('、'.join(names))}")
    return "<br>".join(rows) or "未列明"


def _progress_html(entries: list[ProgressRecord]) -> str:
    if not entries:
        return "<i>尚无进展记录</i>"
    lines = []
    for e in reversed(entries):  # newest first: what the office reads
        extra = "".join(f" [{escape(str(v))}]" for v in (e.status_change, e.percent and f"{e.percent}%") if v)
        lines.append(f"<li>{e.on_date.isoformat()} {escape(e.unit_name or '')}：{escape(e.content)}{extra}</li>")
    return "<ul>" + "".join(lines) + "</ul>"


def _feedback_html(entries: list[FeedbackEntry]) -> str:
    """The units' feedback forms (反馈表) read back for this task, newest first; a 申请延期 shows whether it waits."""
    if not entries:
        return "<i>尚无反馈表记录</i>"
    lines = []
    for e in reversed(entries):
        word = e.status_word or ""
        if e.extension_requested:
            word += "（待审批）" if e.extension_pending else "（已延期）"
        parts = [p for p in (e.progress_text, e.percent is not None and f"完成 {e.percent}%",
                             e.problems and f"存在问题：{e.problems}", e.next_steps and f"下步打算：{e.next_steps}") if p]
        lines.append(f"<li>{e.received_on.isoformat()} {escape(e.unit)}" + (f" [{escape(word)}]" if word else "")
                     + f"：{escape('；'.join(parts))}</li>")
    return "<ul>" + "".join(lines) + "</ul>"


def _notices_html(notices: list[TaskNotice]) -> str:
    if not notices:
        return "<i>未发过通知</i>"
    return "<ul>" + "".join(
        f"<li>{escape(n.number)} {escape(n.kind)} → {escape(n.unit_name or '')}，"
        f"{n.issued_on.isoformat()}{'（已作废）' if n.voided else ''}</li>" for n in notices) + "</ul>"


def detail_html(detail) -> str:
    colour = LIGHT_COLOURS.get(detail.light, "#999")
    mark = "●"
    if detail.light == NO_LIGHT:  # no deadline, no light: an empty grey ring, as in the table
        mark, colour = "○", "#9aa0a6"
    return (
        f"<h3>{escape(detail.ref_label)} {escape(detail.title)}</h3>"
        f"<p style='color:#666'>{escape(detail.plan_title or '')}</p>"
        f"<p><span style='color:{colour}; font-size:16pt'>{mark}</span> <b>{escape(detail.status)}</b>"
        f"　进展：{escape(detail.progress_state)}"
        + (f"　完成 {detail.percent}%" if detail.percent is not None else "")
        + "</p>"
        f"<h4>完成时限</h4><p>{_deadline_html(detail)}</p>"
        f"<h4>责任分工</h4><p>{_units_html(detail)}</p>"
        f"<h4>任务原文</h4><p>{escape(detail.text)}</p>"
        f"<h4>进展记录</h4>{_progress_html(detail.progress)}"
        f"<h4>反馈表</h4>{_feedback_html(getattr(detail, 'feedback', []))}"
        f"<h4>督办通知</h4>{_notices_html(detail.notices)}"
    )


class DetailPane(QWidget):
    editRequested = Signal(int)
    noticeRequested = Signal(list)
    progressSubmitted = Signal(int, object)  # task id, ProgressEntry
    extendRequested = Signal(int)
    doneRequested = Signal(int)
    reopenRequested = Signal(int)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task_id: int | None = None
        self.placeholder = QLabel("在左侧表格中选择一项任务")
        self.browser = QTextBrowser(openExternalLinks=False)
        self.edit_button = QPushButton("编辑任务…")
        self.notice_button = QPushButton("生成督办通知…")
        self.edit_button.clicked.connect(lambda: self.task_id and self.editRequested.emit(self.task_id))
        self.notice_button.clicked.connect(lambda: self.task_id and self.noticeRequested.emit([self.task_id]))
        self.extend_button = QPushButton("延期…")
        self.done_button = QPushButton("办结…")
        self.reopen_button = QPushButton("重新打开")
        for button, signal in ((self.extend_button, self.extendRequested), (self.done_button, self.doneRequested),
                               (self.reopen_button, self.reopenRequested)):
            button.clicked.connect(lambda _=False, s=signal: self.task_id and s.emit(self.task_id))
        self.form = ProgressForm(today)
        self.form.submitted.connect(lambda entry: self.task_id and self.progressSubmitted.emit(self.task_id, entry))
        buttons, actions = QHBoxLayout(), QHBoxLayout()  # two rows: the pane fits beside the table at 1366 wide
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.notice_button)
        for button in (self.extend_button, self.done_button, self.reopen_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addLayout(buttons)
        layout.addLayout(actions)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.form)
        self.show_detail(None)

    def show_detail(self, detail) -> None:
        self.task_id = detail.id if detail is not None else None
        for widget in (self.browser, self.form, self.edit_button, self.notice_button, self.extend_button):
            widget.setVisible(detail is not None)
        done = detail is not None and detail.progress_state == DONE
        self.done_button.setVisible(detail is not None and not done)
        self.reopen_button.setVisible(done)
        self.placeholder.setVisible(detail is None)
        if detail is None:
            return
        self.browser.setHtml(detail_html(detail))
        self.form.set_units(list(dict.fromkeys(u.name for u in detail.units)))
