"""情况通报 on one plan: counts by status and light, progress by unit, the units with overdue work."""
from __future__ import annotations

import app.notices.rl_import  # noqa: F401,I001 - first, before reportlab.platypus (see there)
from reportlab.platypus import Flowable

from app.notices import layout as L
from app.domain.status import COMPLETED, LIGHT_OF_STATUS, LIGHT_WORDS, OVERDUE, STATUSES
from app.notices.content import Bulletin, book_title
from app.notices.fonts import FontSet, load_fonts
from app.notices.supervision import deadline_label

DEFAULT_REQUIREMENTS = (
    "各牵头单位要切实履行牵头责任，加强统筹调度，确保按时保质完成。",
    "有逾期任务的单位要逐项分析原因、制定整改措施，限期完成并书面报告。",
    "各责任单位要对照时间节点，及时报送工作进展，做到底数清、情况明。",
)

COUNT_COLUMNS = ("类别", "项目", "项数", "占比")
COUNT_WIDTHS_MM = (30, 66, 30, 30)
# the units' table: 排名, 单位, 承担任务, one column per status the plan has, 完成率
RANK_MM, TOTAL_MM, RATE_MM, STATUS_MM = 12, 16, 16, 14


def share(n: int, total: int) -> str:
    return f"{n * 100 / total:.1f}%" if total else "—"


def light_label(status: str) -> str:
    """A status as the lights' legend says it (红灯（逾期）), from the one status model."""
    light = LIGHT_OF_STATUS.get(status)
    return LIGHT_WORDS[light].full if light else status


def trend(b: Bulletin) -> str:
    """较上期（呼通报〔2026〕3号，2026-05-31）逾期减少3项，已完成增加2项 — '' without a previous bulletin."""
    if b.previous is None:
        return ""
    before, now = dict(b.previous.status_counts), dict(b.status_counts)

    def change(status: str) -> str:
        diff = now.get(status, 0) - before.get(status, 0)
        return f"{status}{'增加' if diff > 0 else '减少'}{abs(diff)}项" if diff else f"{status}持平"

    parts = [change(OVERDUE)] + ([change(COMPLETED)] if now.get(COMPLETED, 0) != before.get(COMPLETED, 0) else [])
    return f"较上期（{b.previous.number}，{b.previous.as_of.isoformat()}）{'，'.join(parts)}"


def _overview(b: Bulletin, st: L.Styles) -> list[Flowable]:
    total = b.total_tasks
    by_status = "，".join(f"{light_label(label)}{n}项" for label, n in b.status_counts)
    by_progress = "，".join(f"{label}{n}项" for label, n in b.progress_counts)
    rows = [("状态", light_label(label), str(n), share(n, total)) for label, n in b.status_counts]
    rows += [("报送进展", label, str(n), share(n, total)) for label, n in b.progress_counts]
    since = trend(b)
    return [
        L.numbered_heading("一、总体情况", st),
        L.para(f"方案共分解任务{total}项。按状态统计，{by_status}。各单位报送的进展：{by_progress}。"
               + (f"{since}。" if since else ""), st.body),
        L.data_table(COUNT_COLUMNS, rows, COUNT_WIDTHS_MM, st, centre_columns=(0, 2, 3)),
    ]


def unit_statuses(b: Bulletin) -> list[str]:
    """The statuses the units' table shows: those any unit has, in the status model's order."""
    present = {label for u in b.units for label, n in u.statuses if n}
    if not any(u.statuses for u in b.units):  # a bulletin issued before units had statuses: done and overdue
        present = {OVERDUE, COMPLETED}
    return [s for s in STATUSES if s in present]


def ranks(b: Bulletin) -> list[str]:
    """Each unit's place by overdue work (ties share a place); '—' for a unit with none."""
    out, place = [], 0
    for i, u in enumerate(b.units):
        if u.overdue and (i == 0 or u.overdue != b.units[i - 1].overdue):
            place = i + 1
        out.append(str(place) if u.overdue else "—")
    return out


def _by_unit(b: Bulletin, st: L.Styles) -> list[Flowable]:
    statuses = unit_statuses(b)
    columns = ("排名", "单位", "承担任务", *statuses, "完成率")
    unit_mm = 156 - RANK_MM - TOTAL_MM - RATE_MM - STATUS_MM * len(statuses)
    widths = (RANK_MM, unit_mm, TOTAL_MM, *(STATUS_MM,) * len(statuses), RATE_MM)
    rows = []
    for rank, u in zip(ranks(b), b.units):
        counts = dict(u.statuses) or {OVERDUE: u.overdue, COMPLETED: u.done}
        rows.append((rank, u.unit, str(u.total), *(str(counts.get(s, 0)) for s in statuses), share(u.done, u.total)))
    return [L.numbered_heading("二、各单位落实情况", st),
            L.para("按逾期任务多少排序。", st.body),
            L.data_table(columns, rows, widths, st, centre_columns=(0, *range(2, len(columns))))]


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
    plan = book_title(b.plan_title) + (f"（{b.plan_doc_number}）" if b.plan_doc_number else "")
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
