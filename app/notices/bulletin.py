"""情况通报 on one plan: counts by status and light, progress by unit, the units with overdue work."""
from __future__ import annotations

from reportlab.platypus import Flowable

from app.notices import layout as L
from app.notices.content import Bulletin
from app.notices.fonts import FontSet, load_fonts
from app.notices.supervision import deadline_label

DEFAULT_REQUIREMENTS = (
    "各牵头单位要切实履行牵头责任，加强统筹调度，确保按时保质完成。",
    "有逾期任务的单位要逐项分析原因、制定整改措施，限期完成并书面报告。",
    "各责任单位要对照时间节点，及时报送工作进展，做到底数清、情况明。",
)

UNIT_COLUMNS = ("单位", "承担任务", "已完成", "推进中", "逾期", "完成率")
UNIT_WIDTHS_MM = (56, 20, 20, 20, 20, 20)
COUNT_COLUMNS = ("类别", "项目", "项数", "占比")
COUNT_WIDTHS_MM = (30, 66, 30, 30)


def share(n: int, total: int) -> str:
    return f"{n * 100 / total:.1f}%" if total else "—"


def _overview(b: Bulletin, st: L.Styles) -> list[Flowable]:
    total = b.total_tasks
    by_status = "，".join(f"{label}{n}项" for label, n in b.status_counts)
    by_light = "，".join(f"{label}{n}项" for label, n in b.light_counts)
    rows = [("状态", label, str(n), share(n, total)) for label, n in b.status_counts]
    rows += [("进展", label, str(n), share(n, total)) for label, n in b.light_counts]
    return [
        L.numbered_heading("一、总体情况", st),
        L.para(f"方案共分解任务{total}项。按状态统计，{by_status}。按各单位报送的进展统计，{by_light}。", st.body),
        L.data_table(COUNT_COLUMNS, rows, COUNT_WIDTHS_MM, st, centre_columns=(0, 2, 3)),
    ]


def _by_unit(b: Bulletin, st: L.Styles) -> list[Flowable]:
    rows = [(u.unit, str(u.total), str(u.done), str(u.in_progress), str(u.overdue), share(u.done, u.total))
            for u in b.units]
    return [L.numbered_heading("二、各单位落实情况", st),
            L.data_table(UNIT_COLUMNS, rows, UNIT_WIDTHS_MM, st, centre_columns=(1, 2, 3, 4, 5))]


def _overdue(b: Bulletin, st: L.Styles) -> list[Flowable]:
    story: list[Flowable] = [L.numbered_heading("三、逾期未完成任务", st)]
    if not b.overdue:
        return story + [L.para("截至目前，无逾期未完成任务。", st.body)]
    story.append(L.para(f"截至{L.cn_date(b.as_of)}，以下{len(b.overdue)}个单位有逾期未完成任务，予以通报：", st.body))
    for i, (unit, tasks) in enumerate(b.overdue, start=1):
        story.append(L.para(f"（{L.cn_numeral(i)}）{unit}（{len(tasks)}项）", st.heading2))
        story += [L.para(f"{k}. {t.ref} {t.title}（完成时限：{deadline_label(t)}，已逾期{t.days_late}天）", st.body)
                  for k, t in enumerate(tasks, start=1)]
    return story


def bulletin_story(b: Bulletin, st: L.Styles) -> list[Flowable]:
    plan = f"《{b.plan_title}》" + (f"（{b.plan_doc_number}）" if b.plan_doc_number else "")
    title = f"关于{plan}落实情况的通报"
    if b.office.red_header:
        story = L.red_header(b.office, b.number, st) + L.title_block(title, st)
    else:
        story = L.title_block(title, st) + [L.number_line(b.number, st)]
    story += [L.addressee(b.addressee, st),
              L.para(f"为推动{plan}各项任务落地见效，{b.office.office_name}对任务落实情况进行了跟踪督办。"
                     f"现将截至{L.cn_date(b.as_of)}的落实情况通报如下：", st.body)]
    story += _overview(b, st) + _by_unit(b, st) + _overdue(b, st)
    story += [L.numbered_heading("四、下一步工作要求", st)]
    story += [L.para(f"{i}. {text}", st.body) for i, text in enumerate(b.requirements or DEFAULT_REQUIREMENTS, 1)]
    story += L.signature(b.office, b.issued_on, st) + L.contact_note(b.office, st)
    return story + L.record_block(b.office, b.issued_on, st)


def bulletin_pdf(b: Bulletin, fonts: FontSet | None = None) -> bytes:
    fonts = fonts or load_fonts()
    return L.render(lambda: bulletin_story(b, L.make_styles(fonts)), fonts, title=f"情况通报 {b.number.text}")
