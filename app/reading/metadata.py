"""A plan's own fields: title, issuer, 发文字号, 成文日期 and the higher-level plan it implements.

Where each comes from, in order of trust:
- title: the plan's own title line (it ends with 方案 / 意见 / 规划 …, maybe with a bracketed period);
  else the name the forwarding letter quotes (现将《…》印发给你们, 《…》已经…同意); else the notice's
  title (…印发…的通知).
- issuer: the body signing above the 成文日期; else the 红头 (X文件); else the notice's title (X关于印发…);
  else the office that printed it (X办公室 → X).
- issued: the date under the signature, or a date standing alone on a line (not a printing date, 印发).
- doc_number: a 发文字号 standing alone on a line (X〔2022〕86号), never one cited inside a sentence.
- parent: the plan named after 贯彻落实 in the title, else in the opening sentence (为贯彻落实《…》).
"""
from __future__ import annotations

import re
from datetime import date

from app.domain.matrix import PlanInfo
from app.reading.structure import join_lines

_GENRE_END = re.compile(
    r"(?:实施方案|实施意见|工作方案|行动方案|方案|意见|规划|计划|纲要|办法|要点|细则|清单|措施|工作安排|分工表|分解表"
    r"|任务分工|责任分工|台账|重点任务|工作任务|举措|专项行动|攻坚行动)(?:（[^（）]{1,30}）)?$"
)
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_PRINT_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日印发$")
_DOC_NUMBER = re.compile(r"^([\u4e00-\u9fff]{1,12})[〔［\[（【](\d{4})[〕］\]）】](\d{1,5})号$")
_ISSUER_END = (
    "人民政府", "政府", "国务院", "办公厅", "办公室", "委员会", "行政公署", "管委会", "局", "厅", "委", "部",
    "党委", "人大常委会", "领导小组",
)
# Quoted names are bounded in length and may not hold 》: no search can run away over a long line.
_FORWARDED = re.compile(r"(?:现将|将)《([^》\n]{1,120})》(?:印发|转发)|《([^》\n]{1,120})》已经")
_NOTICE_TITLE = re.compile(r"^(.{2,30}?)(?:关于)?(?:印发|转发)(.{1,120})的通知$")
_OWN_NOTICE = re.compile(r"^.{2,40}关于.{2,100}的(?:通知|决定)$")
_NOTICE_AT_TOP = 3  # lines: the notice's title opens the document
_RED_HEADER = re.compile(r"^(.{2,30}?)\s*文件$")
_PARENT_IN_TITLE = re.compile(r"贯彻(?:落实)?《([^》]{1,120})》")
_PARENT_BARE = re.compile(r"贯彻落实(.{1,120}?)的?(?:实施方案|实施意见|工作方案|行动方案)")
_PARENT_IN_OPENING = re.compile(r"贯彻(?:落实)?[^《。]{0,12}《([^》\n]{1,120})》")
_PRINTED_BY = re.compile(r"^(.{2,30}?)(?:办公室|办公厅)$")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_ENDS_SENTENCE = tuple("。，；：！？")
_OPENING_WORDS = ("为", "根据", "按照", "近年来")
_CLOSES_LINE = tuple("。，；：！？”）》〕")
_AFTER_SIGNATURE = 4  # lines: an attachment's heading after a signature (附件, its title)
_ATTACHMENT_HEADING = 60  # characters
_WRAPPED_LINE = 16  # characters: a shorter line was not wrapped by the layout


def _nested_title(name: str) -> str:
    """A quoted title with its inner 〈〉 made 《》 (the outer 《》 are gone) and full-width brackets."""
    return name.replace("〈", "《").replace("〉", "》").replace("(", "（").replace(")", "）")


def _to_date(line: str, pattern: re.Pattern[str] = _DATE) -> date | None:
    m = pattern.match(line)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _is_issuer_line(line: str) -> bool:
    return 2 <= len(line) <= 30 and line.endswith(_ISSUER_END) and not line.endswith(_ENDS_SENTENCE)


def _looks_like_title(line: str) -> bool:
    return (
        4 <= len(line) <= 90
        and not line.endswith(_ENDS_SENTENCE)
        and "，" not in line and "。" not in line  # a wrapped sentence can end in 方案; a title has no commas
        and not line[0].isdigit() and line[0] not in "）》〉>"  # nor does it start mid-sentence
        and bool(_GENRE_END.search(line))
        and not line.startswith(("现将", "为", "根据", "按照"))
        and "印发" not in line
        and "转发" not in line
    )


def _with_wrapped_lines(lines: list[str]) -> list[str]:
    """The lines, each followed by itself joined to the next where a layout wrapped it (a PDF's long title
    breaks into "…的实施意" and "见"): a line that fills most of a printed line and ends mid-sentence."""
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if (i + 1 < len(lines) and len(line) >= _WRAPPED_LINE and len(lines[i + 1]) <= 2 * _WRAPPED_LINE
                and not line.endswith(_CLOSES_LINE)):
            out.append(line + lines[i + 1])
    return out


def read_title(front: list[str]) -> str | None:
    # The title stands before the plan's opening paragraph (为贯彻落实…, 根据…); that paragraph, wrapped by a
    # PDF's layout, can leave a line ending in 方案 or 意见 that is no title.
    # A notice that is itself the plan (X关于推广…的通知, not 印发…的通知): its title line, as printed.
    first = next((line for line in front[:_NOTICE_AT_TOP] if _OWN_NOTICE.match(line)), None)
    if first and "印发" not in first and "转发" not in first:
        return _nested_title(first)
    opening = next((i for i, line in enumerate(front) if line.startswith(_OPENING_WORDS)), len(front))
    candidates = _with_wrapped_lines(front[:opening])
    for line in reversed(candidates):
        if _looks_like_title(line):
            return _nested_title(line)
    for line in candidates:
        m = _FORWARDED.search(line)
        if m:
            return _nested_title(m.group(1) or m.group(2))
    for line in front:
        m = _NOTICE_TITLE.match(line)
        if m:
            return _nested_title(m.group(2).strip("《》"))
    return None


def read_signature(lines: list[str]) -> tuple[str | None, date | None]:
    """(issuer, date) from `ISSUER` followed by a date line; or (None, date) for a date alone."""
    issuer, issued = None, None
    for i, line in enumerate(lines):
        when = _to_date(line)
        if when is None:
            continue
        before = lines[i - 1] if i else ""
        if _is_issuer_line(before):  # an 办公室 / 办公厅 that signs is the issuer too
            return before, when
        if issued is None:
            issued = when
    return issuer, issued


def read_issuer_fallback(front: list[str], back: list[str]) -> str | None:
    for line in front:
        m = _RED_HEADER.match(line)
        if m and _is_issuer_line(m.group(1).strip()):
            return m.group(1).strip()
    for line in front:
        m = _NOTICE_TITLE.match(line)
        if m and _is_issuer_line(m.group(1)):
            return m.group(1)
    for i, line in enumerate(back):
        m = _PRINTED_BY.match(line)
        following = back[i + 1] if i + 1 < len(back) else ""
        if m and _PRINT_DATE.search(following):
            return m.group(1)
    return None


def read_doc_number(front: list[str]) -> str | None:
    for line in front:
        m = _DOC_NUMBER.match(line.replace(" ", ""))
        if m:
            return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    return None


def read_parent(title: str | None, front: list[str], opening: str) -> str | None:
    if title:
        m = _PARENT_IN_TITLE.search(title)
        if m:
            return m.group(1)
    for text in (join_lines(front), opening):  # joined: a wrapped line may cut the quoted name
        m = _PARENT_IN_OPENING.search(text)
        if m and "通知" not in m.group(1):
            return _nested_title(m.group(1))
    if title:
        m = _PARENT_BARE.search(title)
        if m:
            return m.group(1).strip("《》")
    return None


def signature_start(lines: list[str], following: str = "") -> int | None:
    """Where a signature (issuer and date, or a date alone) starts among the last lines, else None.

    A plan signed after its body leaves it at the end of its last item, maybe followed by the heading of
    an attachment (附件, its title); a printing date (…印发) closes the body by itself, leaving the office
    that printed it as the last line.
    """
    for k in range(len(lines) - 1, max(-1, len(lines) - 1 - _AFTER_SIGNATURE), -1):
        if _to_date(lines[k]):
            return k - 1 if k > 0 and _is_issuer_line(lines[k - 1]) else k
        if len(lines[k]) > _ATTACHMENT_HEADING or lines[k].endswith(_ENDS_SENTENCE):
            break
    if lines and _PRINT_DATE.search(following) and _is_issuer_line(lines[-1]):
        return len(lines) - 1
    return None


# A government web page's metadata block: 索引号 / 主题分类 / 发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期, each
# label followed by its value on the same line, on the next line, or in the next table cell; several
# label–value pairs may share a line.
_WEB_LABELS = ("索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号", "发布日期", "有效性", "发布机构", "文号",
               "生效日期", "公开方式", "名称", "成文时间", "发布时间", "体裁分类", "组配分类", "来源", "公文种类",
               "信息来源", "废止日期", "公开范围", "文件编号")
_WEB_LABEL = re.compile(r"(" + "|".join(sorted(_WEB_LABELS, key=len, reverse=True)) + r")[：:]")
_WEB_BLOCK_LINES = 40  # the block sits at the top of the page
_WEB_BLOCK_MIN = 3  # labels a metadata block has at least
_ISO_DATE = re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$")


def read_web_block(lines: list[str]) -> dict[str, str]:
    """The fields of a web page's metadata block among the first lines ({label: value}), or {}."""
    head = [line.replace("\t", "").replace("\u2028", "").strip() for line in lines[:_WEB_BLOCK_LINES]]
    found: list[tuple[int, int, int, str]] = []  # (line, start, end, label)
    for i, line in enumerate(head):
        found.extend((i, m.start(), m.end(), m.group(1)) for m in _WEB_LABEL.finditer(line))
    if len({label for *_, label in found}) < _WEB_BLOCK_MIN:
        return {}
    fields: dict[str, str] = {}
    for k, (i, _, end, label) in enumerate(found):
        following = found[k + 1] if k + 1 < len(found) else None
        if following and following[0] == i:
            value = head[i][end:following[1]]  # several pairs on one line
        else:
            value = head[i][end:]
            stop = following[0] if following else min(len(head), i + 2)
            more = [line for line in head[i + 1 : stop] if line]
            if not value.strip() and more:
                value = more.pop(0)  # the value on the line after its label
            if label == "标题" and following and following[0] - i <= 3:
                value += "".join(more)  # a title split over lines
        if value.strip() and label not in fields:
            fields[label] = value.strip()
    return fields


def web_date(value: str | None) -> date | None:
    """A date as web pages print it: 2024年06月14日, 2024-06-14."""
    return _to_date((value or "").strip(), _ISO_DATE)


def _plan_of_web_title(title: str) -> str:
    m = _NOTICE_TITLE.match(title)
    if m and ("印发" in title or "转发" in title):
        return _nested_title(m.group(2).strip("《》"))
    return _nested_title(title)


def document_year(back: list[str], web: dict[str, str]) -> int | None:
    """The year of the document's own dates where it names no 成文日期: a printing date, a web 发布日期."""
    for line in back:
        m = _PRINT_DATE.search(line)
        if m:
            return int(m.group(0)[:4])
    published = web_date(web.get("发布日期"))
    return published.year if published else None


def title_year(title: str | None) -> int | None:
    m = _YEAR.search(title or "")
    return int(m.group(1)) if m else None


def read_plan_info(front: list[str], back: list[str], opening: str, web: dict[str, str] | None = None) -> PlanInfo:
    """The plan's fields from the lines before its first numbered heading and after its body, and from a
    web page's metadata block (`web`, read_web_block) where the page has one: that block is the most
    trustworthy source of all four fields it gives."""
    web = web or {}
    if web.get("标题"):
        return PlanInfo(
            title=_plan_of_web_title(web["标题"]),
            issuer=web.get("发文机关"),
            doc_number=web.get("发文字号"),
            issued=web_date(web.get("成文日期")),
            parent=read_parent(_plan_of_web_title(web["标题"]), front, opening),
        )
    title = read_title(front)
    # The title line is not a signature; search the lines before and after the body.
    issuer, issued = read_signature(front)
    if issuer is None and issued is None:
        issuer, issued = read_signature([line for line in back if not _PRINT_DATE.search(line)])
    if issuer is None:
        issuer = read_issuer_fallback(front, back)
    return PlanInfo(
        title=title,
        issuer=issuer,
        doc_number=read_doc_number(front),
        issued=issued,
        parent=read_parent(title, front, opening),
    )
