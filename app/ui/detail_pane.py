"""The right pane: the selected task in full — text, units with their roles, the deadline as printed and as read,
the progress log and the notices issued for it — with buttons to edit it, 延期, 办结 / 重新打开, and the "add progress"
form."""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app.domain.matrix import UNIT_ROLE_LABELS
from app.domain.status import DONE, NO_LIGHT, extension_text
from app.ui.lights import LIGHT_COLOURS
from app.ui.progress_form import ProgressForm



def _deadline_html(detail) -> str:
    d = detail.deadline
    if d is None:
        return "方案未规定完成时限"
    meaning = []
    if d.due:
        meaning.append(f"截止 {d.due.isoformat()}")
    if d.ongoing:
        meaning.append("并持续推进")
    if d.recurrence:
        meaning.append(f"周期：{d.recurrence}")
    read_as = "；".join(meaning) or "无具体日期"
    html = f"{escape(d.text)}<br><span style='color:#666'>解读为：{escape(read_as)}</span>"
    if detail.current_due and detail.current_due != detail.original_due:
        original = detail.original_due.isoformat() if detail.original_due else d.text
        html += f"<br><b>{escape(extension_text(original, detail.current_due))}</b>"
        for ext in detail.extensions:
            basis = f"，依据 {ext.get('basis')}" if ext.get("basis") else ""
            html += (f"<br><span style='color:#666'>{escape(ext['recorded_on'])} 延期至 {escape(ext['new_due'])}："
                     f"{escape(ext['reason'] or '')}{escape(basis)}</span>")
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


def _progress_html(entries: list[dict]) -> str:
    if not entries:
        return "<i>尚无进展记录</i>"
    lines = []
    for e in reversed(entries):  # newest first: what the office reads
        extra = "".join(f" [{escape(str(v))}]" for v in (e.get("status_change"), e.get("percent") and f"{e['percent']}%") if v)
        lines.append(f"<li>{escape(e['on_date'])} {escape(e.get('unit_name') or '')}：{escape(e['content'])}{extra}</li>")
    return "<ul>" + "".join(lines) + "</ul>"


def _notices_html(notices: list[dict]) -> str:
    if not notices:
        return "<i>未发过通知</i>"
    return "<ul>" + "".join(
        f"<li>{escape(n['number'])} {escape(n['kind'])} → {escape(n.get('unit_name') or '')}，"
        f"{escape(n['issued_on'])}{'（已作废）' if n.get('voided') else ''}</li>" for n in notices) + "</ul>"


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
