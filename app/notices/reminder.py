"""催办通知 for one unit: its overdue and soon-due tasks, days late, times chased, the last notice's number,
and an escalation level (蓝 / 黄 / 红色督办) chosen by the latest task."""
from __future__ import annotations

import app.notices.rl_import  # noqa: F401,I001 - first, before reportlab.platypus (see there)
from reportlab.lib import colors
from reportlab.platypus import Flowable

from app.notices import layout as L
from app.notices.content import ReminderNotice, TaskLine, escalation_for
from app.notices.fonts import FontSet, load_fonts
from app.notices.supervision import deadline_label, lead_label

DEFAULT_REQUIREMENTS = (
    "高度重视、立即整改，逐项分析逾期原因，明确补救措施、责任人和完成时间，尽快完成。",
    "对确因客观原因无法按期完成的任务，须书面说明情况并提出调整建议，经审定后执行。",
)

COLUMNS = ("编号", "任务", "牵头单位", "完成时限", "逾期情况", "已催办", "上次通知")
WIDTHS_MM = (24, 34, 22, 20, 19, 15, 22)  # widened where a task or notice number needs it (L.fitted_widths)


def lateness(task: TaskLine) -> str:
    if task.days_late > 0:
        return f"逾期{task.days_late}天"
    if task.days_late == 0:
        return "今日到期"
    return f"{-task.days_late}天后到期"


def summary(notice: ReminderNotice) -> str:
    late = [t for t in notice.tasks if t.days_late > 0]
    soon = len(notice.tasks) - len(late)
    parts = [f"截至{L.cn_date(notice.issued_on)}，你单位承担的以下{len(notice.tasks)}项任务"]
    if late:
        parts.append(f"中，已逾期{len(late)}项（最长逾期{max(t.days_late for t in late)}天）")
        if soon:
            parts.append(f"，即将到期{soon}项")
        parts.append("。")
    else:
        parts.append("即将到期。")
    return "".join(parts)


def reminder_story(notice: ReminderNotice, st: L.Styles) -> list[Flowable]:
    level = escalation_for(notice.tasks, notice.office)
    colour = colors.HexColor(level.color)
    if notice.office.red_header:
        badge = L.para(f"（{level.name}）", st.centered, fontName=st.heading1.fontName, textColor=colour)
        story = L.red_header(notice.office, notice.number, st) + [L.title("催办通知", st), badge]
    else:  # the level at the left, as a 紧急程度 is marked, and the number at the right: one line
        badge = L.para(level.name, st.flush, fontName=st.heading1.fontName, textColor=colour)
        story = [L.title("催办通知", st), L.side_by_side(badge, L.number_line(notice.number, st))]
    story += [L.blank_lines(0.5), L.addressee(notice.unit, st)]
    story += [L.para(summary(notice) + f"根据督查督办工作有关规定，现予以{level.name}催办。", st.body)]
    rows = [(t.ref, t.title, lead_label(t), deadline_label(t), lateness(t), f"{t.times_chased}次",
             t.previous_number or "—") for t in notice.tasks]
    story += [L.data_table(COLUMNS, rows, WIDTHS_MM, st, centre_columns=(0, 4, 5, 6)), L.blank_lines(0.5)]
    requirements = (notice.requirements or DEFAULT_REQUIREMENTS) + (
        f"请于{L.cn_date(notice.reply_by)}前将整改落实情况书面反馈{notice.office.office_name}。"
        "逾期未反馈或整改不力的，将按规定提级督办并予以通报。",)
    story += [L.para(f"{i}. {text}", st.body) for i, text in enumerate(requirements, start=1)]
    story += L.signature(notice.office, notice.issued_on, st) + L.contact_note(notice.office, st)
    return story + L.record_block(notice.office, notice.issued_on, st)


def reminder_pdf(notice: ReminderNotice, fonts: FontSet | None = None) -> bytes:
    fonts = fonts or load_fonts()
    return L.render(lambda: reminder_story(notice, L.make_styles(fonts)), fonts, title=f"催办通知 {notice.number.text}")
