"""督办通知单 (the form, with receipt and counterfoil) and 公文式督办函 (the letter form) for one unit."""
from __future__ import annotations

import app.notices.rl_import  # noqa: F401,I001 - first, before reportlab.platypus (see there)
from reportlab.platypus import Flowable

from app.domain.status import extension_text
from app.notices import layout as L
from app.notices.content import STYLE_LETTER, SupervisionNotice, TaskLine, TaskSource
from app.notices.fonts import FontSet, load_fonts

DEFAULT_REQUIREMENTS = (
    "对照任务分工和完成时限，制定具体落实措施，明确责任人和时间节点，确保按期保质完成。",
    "牵头单位要加强统筹协调，责任单位要主动配合、形成合力，工作中遇到的问题要及时报告。",
)

TASK_COLUMNS = ("编号", "任务", "角色", "牵头单位", "完成时限", "当前状态")
TASK_WIDTHS_MM = (24, 46, 14, 28, 24, 20)  # widened where a task number needs it (L.fitted_widths)


def common_source(tasks: tuple[TaskLine, ...]) -> TaskSource | None:
    """The plan every task comes from, when they share one (then it is said once, not on each line)."""
    plans = {(t.source.plan_title, t.source.doc_number) for t in tasks if t.source}
    if len(plans) == 1 and all(t.source for t in tasks):
        return tasks[0].source
    return None


def task_label(task: TaskLine, shared: TaskSource | None) -> str:
    """The task's title, followed by its source when the notice mixes plans."""
    if task.source and shared is None:
        return f"{task.title}（来源：{task.source.plan_label}{task.source.clause}）"
    return task.title


def lead_label(task: TaskLine) -> str:
    """The 牵头单位 as a notice to one unit says it: 本单位 for its own lead, never its own name again."""
    if task.role == "牵头":
        return "、".join(("本单位", *task.leads))
    return "、".join(task.leads) or "—"


def task_summary(task: TaskLine) -> str:
    """One task on one line of a letter: its role, lead, deadline and state, the recipient never named."""
    if task.role == "牵头":
        who = "本单位牵头" + (f"（会同{'、'.join(task.leads)}）" if task.leads else "")
    else:
        who = f"本单位{task.role}" + (f"，牵头单位：{'、'.join(task.leads)}" if task.leads else "")
    return f"{who}；完成时限：{deadline_label(task)}；状态：{task.status or '未报送'}"


def deadline_label(task: TaskLine) -> str:
    extended_to = task.extended_to or task.due  # (notices issued before extended_to was kept: their due)
    if task.extended_from and extended_to:
        return extension_text(task.extended_from, extended_to, judged_by=task.due if task.extension_late else None,
                              document_date=L.cn_date)
    if task.deadline_text:
        return task.deadline_text
    return L.cn_date(task.due) if task.due else "未明确"


def reply_sentence(notice: SupervisionNotice) -> str:
    return (f"请于{L.cn_date(notice.reply_by)}前将落实情况（进展、存在问题和下一步打算）书面反馈"
            f"{notice.office.office_name}。")


def _requirements(notice: SupervisionNotice) -> tuple[str, ...]:
    return (notice.requirements or DEFAULT_REQUIREMENTS) + (reply_sentence(notice),)


def _head(notice: SupervisionNotice, title: str, st: L.Styles) -> list[Flowable]:
    if notice.office.red_header:
        return L.red_header(notice.office, notice.number, st) + L.title_block(title, st)
    return L.title_block(title, st) + [L.number_line(notice.number, st, "编号："), L.blank_lines(0.5)]


def _receipt(notice: SupervisionNotice, st: L.Styles) -> list[Flowable]:
    rows = [
        ("通知编号", notice.number.text),
        ("被督办单位", notice.unit),
        ("签收人", ""),
        ("签收时间", "　　　　年　　月　　日　　时"),
        ("落实情况（可另附页）", ""),
    ]
    return [
        L.CutLine("沿此线剪下，回执交回", st.small.fontName),
        L.keep([
            L.para("回　执", st.title, fontSize=L.SIZE_3 * 1.25),
            L.form_table(rows, st, min_heights={4: 40 * L.mm}),
            L.para(f"请于{L.cn_date(notice.reply_by)}前将本回执交回{notice.office.office_name}。", st.small),
        ]),
    ]


def _counterfoil(notice: SupervisionNotice, st: L.Styles) -> list[Flowable]:
    titles = "；".join(t.title for t in notice.tasks)
    rows = [
        ("编号", notice.number.text),
        ("被督办单位", notice.unit),
        ("督办事项", f"共{len(notice.tasks)}项：{titles}"),
        ("发文日期", L.cn_date(notice.issued_on)),
        ("反馈期限", L.cn_date(notice.reply_by)),
        ("经办人", ""),
    ]
    return [
        L.CutLine("沿此线剪下，存根留存", st.small.fontName),
        L.keep([L.para("存　根（督办机关留存）", st.title, fontSize=L.SIZE_3 * 1.25), L.form_table(rows, st)]),
    ]


def form_story(notice: SupervisionNotice, st: L.Styles) -> list[Flowable]:
    shared = common_source(notice.tasks)
    info = [("被督办单位", notice.unit)]
    if shared:
        info.append(("任务来源", shared.plan_label))
    info += [("发文日期", L.cn_date(notice.issued_on)), ("反馈期限", L.cn_date(notice.reply_by))]
    rows = [(t.ref, task_label(t, shared), t.role, lead_label(t), deadline_label(t), t.status)
            for t in notice.tasks]
    story = _head(notice, "督办通知单", st)
    story += [L.form_table(info, st), L.blank_lines(0.5)]
    story += [L.numbered_heading("一、督办事项", st), L.data_table(TASK_COLUMNS, rows, TASK_WIDTHS_MM, st,
                                                                centre_columns=(0, 2, 5))]
    story += [L.numbered_heading("二、督办要求", st)]
    story += [L.para(f"{i}. {text}", st.body) for i, text in enumerate(_requirements(notice), start=1)]
    story += L.signature(notice.office, notice.issued_on, st) + L.contact_note(notice.office, st)
    return story + _receipt(notice, st) + _counterfoil(notice, st)


def letter_story(notice: SupervisionNotice, st: L.Styles) -> list[Flowable]:
    shared = common_source(notice.tasks)
    subject = shared.plan_label if shared else "有关重点工作任务"
    leading = sum(1 for t in notice.tasks if t.role == "牵头")
    story: list[Flowable] = [L.para(notice.number.text, st.right), L.blank_lines(1)]
    story += L.title_block(f"关于督促落实{subject}有关任务的函", st)
    story += [L.addressee(notice.unit, st)]
    story += [L.para(f"根据{subject}任务分工，你单位承担以下{len(notice.tasks)}项任务（其中牵头{leading}项）。"
                     "为确保各项任务按期落实，现将有关事项函告如下：", st.body)]
    story += [L.numbered_heading("一、督办事项", st)]
    story += [L.para(f"{i}. {task.ref} {task_label(task, shared)}（{task_summary(task)}）。", st.body)
              for i, task in enumerate(notice.tasks, start=1)]
    story += [L.numbered_heading("二、工作要求", st)]
    story += [L.para(f"{i}. {text}", st.body) for i, text in enumerate(_requirements(notice), start=1)]
    story += [L.para("特此函告。", st.body)]
    story += L.signature(notice.office, notice.issued_on, st) + L.contact_note(notice.office, st)
    return story + L.record_block(notice.office, notice.issued_on, st, with_printer=False)


def supervision_pdf(notice: SupervisionNotice, fonts: FontSet | None = None) -> bytes:
    """The notice as PDF bytes, in the form or the letter style it asks for."""
    fonts = fonts or load_fonts()
    set_fonts = fonts
    if notice.style == STYLE_LETTER:
        return L.render(lambda: letter_story(notice, L.make_styles(set_fonts)), fonts,
                        title=f"督办函 {notice.number.text}", letter_head=L.LetterHead(notice.office.issuer_mark))
    return L.render(lambda: form_story(notice, L.make_styles(set_fonts)), fonts, title=f"督办通知单 {notice.number.text}")
