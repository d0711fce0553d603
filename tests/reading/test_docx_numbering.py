"""Word's automatic list numbering read back as the labels Word displays (app/reading/docx_numbering.py).

The .docx files are made with python-docx plus numbering definitions written into the document's
numbering part, the way Word stores a multilevel list: one w:abstractNum with its levels, one or
more w:num pointing at it, and w:numPr on the paragraphs (or on a paragraph style).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading.docx_numbering import chinese_counting, format_number
from app.reading.documents import read_document
from app.reading.extract import extract_file, extract_text
from app.reading.structure import match_label

SEEDS = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "seeds").glob("*.txt"))

# The four levels Chinese plans use, as Word's multilevel list stores them: (numFmt, lvlText).
# In lvlText, %N is the counter of level N: the third level drawing its own number says "%3.".
PLAN_LEVELS = [
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
]


# --------------------------------------------------------------------------------------- helpers


def add_list(doc, levels, *, abstract_id=None, num_id=None, start_overrides=None, restarts=None,
             level_styles=None, legal=()) -> int:
    """Add an abstractNum with `levels` [(numFmt, lvlText)] and a w:num using it; return the numId.

    `start_overrides` {ilvl: start} go on the w:num (Word's "restart numbering"); `restarts`
    {ilvl: w:lvlRestart}; `level_styles` {ilvl: styleId} tie a level to a paragraph style;
    `legal` lists the levels with w:isLgl.
    """
    numbering = doc.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_id = max(abstract_ids, default=0) + 1 if abstract_id is None else abstract_id
    num_id = max(num_ids, default=0) + 1 if num_id is None else num_id
    restarts, level_styles = restarts or {}, level_styles or {}
    if abstract_id not in abstract_ids:
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:lvlRestart w:val="{restarts[i]}"/>' if i in restarts else "")
            + (f'<w:pStyle w:val="{level_styles[i]}"/>' if i in level_styles else "")
            + ("<w:isLgl/>" if i in legal else "")
            + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                             f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:  # the schema wants every abstractNum before the first num
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for i, start in (start_overrides or {}).items()
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))
    return num_id


def set_num_pr(paragraph, num_id: int | None, ilvl: int | None = 0) -> None:
    """Put w:numPr on a paragraph (either part may be left out, to be inherited from the style)."""
    ppr = paragraph._p.get_or_add_pPr()
    inner = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + (
        f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
    ppr.insert_element_before(parse_xml(f'<w:numPr {nsdecls("w")}>{inner}</w:numPr>'),
                              "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc")


def numbered(doc, text: str, num_id: int, ilvl: int = 0):
    paragraph = doc.add_paragraph(text)
    set_num_pr(paragraph, num_id, ilvl)
    return paragraph


def listed_docx(text: str, path: Path) -> Path:
    """The plan `text` as Word would hold it with its headings as one multilevel list: each typed
    label (一、 （一） 1. （1）) is removed from the line and drawn by the list instead."""
    doc = Document()
    num_id = add_list(doc, PLAN_LEVELS)
    for line in text.split("\n"):
        found = match_label(line.strip())
        if found:
            level, _label, rest = found
            numbered(doc, rest, num_id, level - 1)
        else:
            doc.add_paragraph(line)
    doc.save(path)
    return path


def lines_of(path: Path) -> list[str]:
    return [line for line in read_document(path).text.split("\n") if line]


def drawn(tmp_path, levels, paragraphs, **list_options) -> list[str]:
    """The lines read back from a .docx of `paragraphs` [(text, ilvl)] all in one list of `levels`."""
    doc = Document()
    num = add_list(doc, levels, **list_options)
    for text, ilvl in paragraphs:
        numbered(doc, text, num, ilvl)
    doc.save(tmp_path / "p.docx")
    return lines_of(tmp_path / "p.docx")


def task_rows(matrix):
    return [(t.ref, t.title, t.lead, t.responsible, t.deadline) for t in matrix.tasks]


# ---------------------------------------------------------------------------------- number formats


def test_chinese_counting_one_to_ninety_nine():
    digits = "一二三四五六七八九"
    expected = list(digits) + ["十"] + ["十" + d for d in digits]
    for tens in digits[1:]:
        expected += [tens + "十"] + [tens + "十" + d for d in digits]
    assert [chinese_counting(n) for n in range(1, 100)] == expected
    assert chinese_counting(21) == "二十一"


def test_chinese_counting_reads_back_as_the_outline_expects():
    # Every label a list draws up to 99 must be a level-1 heading for the structure reader.
    for n in range(1, 100):
        found = match_label(f"{chinese_counting(n)}、标题")
        assert found is not None and found[0] == 1 and found[2] == "标题", n


@pytest.mark.parametrize("n,text", [
    (100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"), (999, "九百九十九"),
    (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (2019, "二千零一十九"),
])
def test_chinese_counting_thousand(n, text):
    assert format_number(n, "chineseCountingThousand") == text


@pytest.mark.parametrize("n,fmt,text", [
    (21, "chineseCounting", "二十一"),
    (100, "chineseCounting", "一〇〇"),
    (3, "ideographTraditional", "丙"),
    (11, "japaneseCounting", "十一"),
    (110, "japaneseCounting", "百十"),
    (4, "upperLetter", "D"),
    (28, "lowerLetter", "bb"),
    (14, "upperRoman", "XIV"),
    (1994, "lowerRoman", "mcmxciv"),
    (3, "decimalEnclosedCircle", "③"),
    (20, "decimalEnclosedCircle", "⑳"),
    (21, "decimalEnclosedCircle", "21"),
    (12, "chineseLegalSimplified", "壹拾贰"),
    (7, "someFutureFormat", "7"),
])
def test_other_formats(n, fmt, text):
    assert format_number(n, fmt) == text


# ------------------------------------------------------------------------------------ labels in text


def test_plan_headings_as_word_lists_restart_under_each_parent(tmp_path):
    doc = Document()
    num = add_list(doc, PLAN_LEVELS)
    for section in range(2):
        numbered(doc, f"第{section}节", num, 0)
        for item in range(2):
            numbered(doc, "条目", num, 1)
            for _ in range(2):
                numbered(doc, "细项", num, 2)
                numbered(doc, "要点", num, 3)
                numbered(doc, "要点", num, 3)
    doc.add_paragraph("无编号的段落")
    doc.save(tmp_path / "p.docx")
    assert lines_of(tmp_path / "p.docx") == [
        "一、第0节",
        "（一）条目", "1.细项", "（1）要点", "（2）要点", "2.细项", "（1）要点", "（2）要点",
        "（二）条目", "1.细项", "（1）要点", "（2）要点", "2.细项", "（1）要点", "（2）要点",
        "二、第1节",
        "（一）条目", "1.细项", "（1）要点", "（2）要点", "2.细项", "（1）要点", "（2）要点",
        "（二）条目", "1.细项", "（1）要点", "（2）要点", "2.细项", "（1）要点", "（2）要点",
        "无编号的段落",
    ]


def test_twenty_first_section_and_multilevel_text(tmp_path):
    lines = drawn(tmp_path, [("chineseCounting", "%1、"), ("decimal", "%1.%2")],
                  [("部分", 0)] * 21 + [("小节", 1)] * 2, legal=(1,))
    assert lines[9:12] == ["十、部分", "十一、部分", "十二、部分"]
    # w:isLgl draws every level of "%1.%2" in decimal: 21.2, not 二十一.2
    assert lines[19:] == ["二十、部分", "二十一、部分", "21.1 小节", "21.2 小节"]


def test_level_numbers_without_isLgl_keep_their_own_format(tmp_path):
    lines = drawn(tmp_path, [("upperRoman", "%1."), ("lowerLetter", "%1-%2)")], [("甲", 0), ("乙", 0), ("丙", 1)])
    assert lines == ["I.甲", "II.乙", "II-a)丙"]


def test_lvl_restart_zero_keeps_counting_across_sections(tmp_path):
    lines = drawn(tmp_path, [("chineseCounting", "%1、"), ("decimal", "%2.")],
                  [("甲", 0), ("任务", 1), ("任务", 1), ("乙", 0), ("任务", 1)], restarts={1: 0})
    assert lines == ["一、甲", "1.任务", "2.任务", "二、乙", "3.任务"]


def test_lists_sharing_a_definition_continue_unless_restarted(tmp_path):
    doc = Document()
    first = add_list(doc, [("decimal", "%1.")])
    abstract = int(doc.part.numbering_part.element.findall(qn("w:num"))[-1]
                   .find(qn("w:abstractNumId")).get(qn("w:val")))
    same = add_list(doc, [], abstract_id=abstract)
    restarted = add_list(doc, [], abstract_id=abstract, start_overrides={0: 5})
    numbered(doc, "甲", first)
    numbered(doc, "乙", first)
    doc.add_paragraph("说明")
    numbered(doc, "丙", same)  # a second w:num on the same definition: the list goes on
    numbered(doc, "丁", restarted)  # Word's "restart numbering at 5"
    numbered(doc, "戊", restarted)
    doc.save(tmp_path / "p.docx")
    assert lines_of(tmp_path / "p.docx") == ["1.甲", "2.乙", "说明", "3.丙", "5.丁", "6.戊"]


def test_numbering_inherited_from_the_paragraph_style(tmp_path):
    doc = Document()
    num = add_list(doc, PLAN_LEVELS[:2], level_styles={1: "PlanItem"})
    section = doc.styles.add_style("PlanSection", 1)  # 1: paragraph style
    section.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
    item = doc.styles.add_style("PlanItem", 1)
    # Only the list: the level comes from the abstractNum's w:pStyle, as Word writes heading lists.
    item.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num}"/></w:numPr>'))
    sub_item = doc.styles.add_style("PlanItemBold", 1)
    sub_item.base_style = item  # inherits PlanItem's numbering through w:basedOn
    doc.add_paragraph("总体要求", style="PlanSection")
    doc.add_paragraph("指导思想", style="PlanItem")
    doc.add_paragraph("基本原则", style="PlanItemBold")
    plain = doc.add_paragraph("不编号的一段", style="PlanItem")
    set_num_pr(plain, 0, None)  # numId 0 on the paragraph switches the style's list off
    doc.add_paragraph("重点任务", style="PlanSection")
    doc.add_paragraph("完善制度", style="PlanItem")
    doc.save(tmp_path / "p.docx")
    assert lines_of(tmp_path / "p.docx") == [
        "一、总体要求", "（一）指导思想", "（二）基本原则", "不编号的一段", "二、重点任务", "（一）完善制度",
    ]


def test_unknown_list_ids_leave_the_text_unchanged(tmp_path):
    doc = Document()
    num = add_list(doc, [("decimal", "%1.")])
    numbered(doc, "没有这个列表", 987)
    numbered(doc, "没有这一级", num, 5)
    numbered(doc, "有编号", num, 0)
    doc.save(tmp_path / "p.docx")
    assert lines_of(tmp_path / "p.docx") == ["没有这个列表", "没有这一级", "1.有编号"]


def test_bullets_draw_no_label(tmp_path):
    assert drawn(tmp_path, [("bullet", "\uf0b7")], [("要点", 0)]) == ["要点"]


def test_document_without_numbering_part_reads_as_before(tmp_path):
    doc = Document()
    doc.add_paragraph("一、总体要求")
    doc.add_paragraph("正文")
    rel = next(r for r in doc.part.rels.values() if r.reltype == RT.NUMBERING)
    doc.part.drop_rel(rel.rId)
    doc.save(tmp_path / "p.docx")
    with zipfile.ZipFile(tmp_path / "p.docx") as archive:
        assert "word/numbering.xml" not in archive.namelist()
    assert lines_of(tmp_path / "p.docx") == ["一、总体要求", "正文"]


def test_numbered_table_cells_count_once_in_reading_order(tmp_path):
    # A task table whose 序号 column is a Word list; the 牵头单位 cell is merged over two rows.
    doc = Document()
    num = add_list(doc, [("decimal", "%1")])
    table = doc.add_table(rows=4, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = "序号", "重点任务", "牵头单位"
    for r in range(1, 4):
        set_num_pr(table.rows[r].cells[0].paragraphs[0], num)
        table.rows[r].cells[1].text = f"任务{r}"
    merged = table.rows[1].cells[2].merge(table.rows[2].cells[2])
    merged.text = "市发展改革委"
    table.rows[3].cells[2].text = "市财政局"
    numbered(doc, "表后段落", num)
    doc.save(tmp_path / "t.docx")
    assert lines_of(tmp_path / "t.docx") == [
        "序号\t重点任务\t牵头单位", "1\t任务1\t市发展改革委", "2\t任务2\t市发展改革委", "3\t任务3\t市财政局",
        "4 表后段落",
    ]


# ------------------------------------------------------------------------------ through the extractor

PLAN = """\
某市推进数字政府建设实施方案

一、总体要求
以数字化改革为引领，全面提升政府治理效能。
二、重点任务
（一）夯实数字基础设施
1.建设全市统一的政务云平台，推进各部门业务系统迁移上云。（牵头单位：市大数据局；责任单位：市财政局、市发展改革委；完成时限：2025年底前）
2.完善电子政务外网，实现市县乡村四级全覆盖。（牵头单位：市大数据局；责任单位：各县区人民政府；完成时限：持续推进）
（二）推进数据共享开放
1.编制公共数据资源目录，建立数据共享责任清单。（牵头单位：市大数据局；责任单位：市直各部门；完成时限：2024年6月底前）
（三）提升政务服务水平
深化“一网通办”，推动高频事项“掌上办”。（牵头单位：市政务服务局；责任单位：市直各部门；完成时限：2025年底前）
三、保障措施
（一）加强组织领导
各单位要高度重视，明确专人负责。
"""


def test_plan_with_word_list_headings_extracts_like_typed_labels(tmp_path):
    typed = extract_text(PLAN, "plan.txt")
    listed = extract_file(listed_docx(PLAN, tmp_path / "plan.docx"))
    assert [t.ref for t in typed.tasks] == [("二", "（一）", "1"), ("二", "（一）", "2"), ("二", "（二）", "1"), ("二", "（三）")]
    assert typed.tasks[0].lead == ["市大数据局"]
    assert task_rows(listed) == task_rows(typed)
    assert listed.plan.title == typed.plan.title


def test_without_the_numbering_the_same_docx_loses_its_structure(tmp_path):
    # The case this module exists for: python-docx's text alone has no labels, so no tasks.
    stripped = "\n".join(match_label(l)[2] if match_label(l) else l for l in PLAN.split("\n"))
    assert extract_text(stripped, "plan.txt").tasks != extract_text(PLAN, "plan.txt").tasks


def _labels(text: str) -> list[tuple[int, str]]:
    return [found[:2] for found in map(match_label, (line.strip() for line in text.split("\n"))) if found]


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_plans_with_word_list_headings_give_the_same_tasks(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    made = listed_docx(text, tmp_path / "plan.docx")
    if _labels(read_document(made).text) != _labels(text):
        # Some plans skip numbers or run （十五） on across sections: one plain Word list cannot draw that.
        pytest.skip("the typed numbering is not the sequence a Word list draws")
    assert task_rows(extract_file(made)) == task_rows(extract_text(text, seed.name))
