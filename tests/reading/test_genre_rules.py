"""The genre's other forms (issue 12), rule by rule, on small invented plans (other names than the fixtures).

Each test writes the smallest plan that shows one rule and asserts on what the reader makes of it.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from app.__main__ import main
from app.domain.matrix import FINDING_NO_NOTE, FINDING_NO_YEAR, FINDING_NOT_UNDERSTOOD, FINDING_UNKNOWN_LABEL, Task
from app.domain.units import identify
from app.reading.extract import extract_text
from app.reading.notes import find_notes
from app.reading.units import split_units

HEAD = "桐溪市人民政府\n2025年4月9日\n\n桐溪市全民健身设施补短板工作方案\n\n一、重点任务\n\n"


def _tasks(body: str, head: str = HEAD) -> dict[str, Task]:
    return {"".join(t.ref): t for t in extract_text(head + body, "plan.txt").tasks}


# -- 1. note labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize("label", ["负责部门", "责任部门", "实施主体", "责任主体", "协办单位", "参与单位"])
def test_unit_labels_give_units_without_the_label(label):
    note = find_notes(f"（{label}：市体育局、市教育局）")[0]
    assert note.units == ["市体育局", "市教育局"]


@pytest.mark.parametrize("label", ["主办单位", "牵头部门", "指导单位"])
def test_lead_labels_lead(label):
    note = find_notes(f"（{label}：市体育局；责任单位：市财政局）")[0]
    assert note.leads == ["市体育局"] and note.responsible == ["市财政局"]


def test_other_fields_in_the_bracket_are_no_units_and_the_deadline_field_is_the_deadline():
    tasks = _tasks("（一）新建社区球场。（负责部门：市体育局；适用范围：中心城区12个街道；完成时限：2025年9月底前；"
                   "工作目标：新增球场40片）\n")
    task = tasks["一（一）"]
    assert task.lead + task.responsible == ["市体育局"]
    assert task.deadline.text == "2025年9月底前" and task.deadline.due == date(2025, 9, 30)


def test_an_unknown_label_is_set_aside_and_reported_the_other_fields_still_count():
    matrix = extract_text(HEAD + "（一）改造体育公园。（联系处室：群体处；责任单位：市体育局）\n", "p.txt")
    assert matrix.tasks[0].lead + matrix.tasks[0].responsible == ["市体育局"]
    [finding] = [f for f in matrix.findings if f.kind == FINDING_UNKNOWN_LABEL]
    assert "联系处室" in finding.message and finding.ref == ("一", "（一）")


# -- 2. role words ----------------------------------------------------------------------------------


def test_lead_and_participants():
    task = _tasks("（一）建设健身步道。（市体育局牵头，市园林局、市水务局参与）\n")["一（一）"]
    assert task.lead == ["市体育局"] and task.responsible == ["市园林局", "市水务局"]


def test_together_with_the_relevant_departments():
    task = _tasks("（一）开放学校场馆。（市教育局、市体育局会同有关部门负责）\n")["一（一）"]
    assert task.lead == ["市教育局", "市体育局"] and task.responsible == ["有关部门"]


def test_responsible_beside_cooperating_leads():
    task = _tasks("（一）完善场馆安全。（市应急局负责，市消防救援支队配合）\n")["一（一）"]
    assert task.lead == ["市应急局"] and task.responsible == ["市消防救援支队"]


def test_each_responsible_for_its_part_leads():
    task = _tasks("（一）规划健身设施用地。（市规划局、市住建局分别负责）\n")["一（一）"]
    assert task.lead == ["市规划局", "市住建局"] and task.responsible == []


def test_each_notes_leads_lead_the_task():
    task = _tasks("（一）建设智慧场馆。建设预约平台（市数据局牵头，市体育局配合），"
                  "推广电子健身卡（市体育局牵头，市卫健委参与）。\n")["一（一）"]
    assert task.lead == ["市数据局", "市体育局"] and task.responsible == ["市卫健委"]


# -- 3. tables --------------------------------------------------------------------------------------


def test_one_cell_per_line_table_with_a_cell_of_two_unit_lines():
    text = ("桐溪市2025年全民健身重点任务清单\n\n序号\n任务名称\n牵头单位\n配合单位\n完成时限\n"
            "1\n建设口袋公园\n市园林局\n市住建局\n市财政局\n2025年10月底前\n"
            "2\n举办全民运动会\n市体育局\n各区人民政府\n年底前\n")
    matrix = extract_text(text, "web.txt")
    tasks = {"".join(t.ref): t for t in matrix.tasks}
    assert list(tasks) == ["1", "2"]
    assert tasks["1"].lead == ["市园林局"] and tasks["1"].responsible == ["市住建局", "市财政局"]
    assert tasks["1"].deadline.due == date(2025, 10, 31)
    assert tasks["2"].deadline.due == date(2025, 12, 31)  # the year from the title


def test_cell_line_breaks_are_kept_apart_by_column():
    from app.reading.tables import CELL_BREAK

    text = ("桐溪市2025年健身设施任务表\n序号\t任务名称\t责任单位\t完成时限\n"
            f"1\t建设多功能\u2028运动场\t市体育局{CELL_BREAK}市教育局\t2025年6月底前选址{CELL_BREAK}2025年12月底前建成\n")
    task = extract_text(text, "t.txt").tasks[0]
    assert task.title == "建设多功能运动场"
    assert task.lead + task.responsible == ["市体育局", "市教育局"]
    assert task.deadline.text == "2025年6月底前选址；2025年12月底前建成"
    assert task.deadline.due == date(2025, 12, 31)


def test_summary_items_of_a_notice_are_not_tasks_beside_its_attached_table():
    text = ("桐溪市人民政府办公室关于印发桐溪市2025年健身惠民清单的通知\n\n现将《桐溪市2025年健身惠民清单》印发给你们。\n\n"
            "（一）场地建设方面1项：主要是建设口袋公园。\n\n桐溪市人民政府办公室\n\n2025年3月3日\n\n附件\n\n桐溪市2025年健身惠民清单\n"
            "序号\t重点任务\t牵头单位\t完成时限\n1\t建设口袋公园\t市园林局\t年底前\n")
    matrix = extract_text(text, "n.txt")
    assert [t.ref for t in matrix.tasks] == [("1",)]
    assert matrix.plan.issued == date(2025, 3, 3) and matrix.plan.issuer == "桐溪市人民政府办公室"


# -- 4. web pages -----------------------------------------------------------------------------------


def test_web_metadata_block_gives_the_plan_fields():
    text = ("索引号：\nA01-2025-0042\n发文机关：\n桐溪市体育局\n成文日期：\n2025年02月10日\n标题：\n"
            "桐溪市体育局关于印发桐溪市青少年体育\n培训提升方案的通知\n发文字号：\n桐体发〔2025〕5号\n发布日期：\n2025年02月14日\n\n"
            "一、重点任务\n（一）开展培训。（市体育局负责）\n")
    plan = extract_text(text, "w.txt").plan
    assert plan.title == "桐溪市青少年体育培训提升方案"
    assert plan.issuer == "桐溪市体育局"
    assert plan.doc_number == "桐体发〔2025〕5号"
    assert plan.issued == date(2025, 2, 10)


# -- 5. item numbers --------------------------------------------------------------------------------


def test_a_sub_item_title_starting_with_digits():
    body = "（一）建设场馆\n1.建设体育馆。（市体育局负责）\n2.15分钟健身圈建设。（市住建局负责）\n"
    tasks = _tasks(body)
    assert list(tasks) == ["一（一）1", "一（一）2"]
    assert tasks["一（一）2"].title == "15分钟健身圈建设"


def test_a_long_top_level_item_with_a_note_is_a_task_whatever_words_it_holds():
    text = ("桐溪市促进体育消费若干措施\n\n一、总体要求\n\n二、支持发展基础较好的街道建设运动街区。对发展基础较好的街道给予奖励。"
            "（责任单位：市商务局）\n")
    tasks = {"".join(t.ref): t for t in extract_text(text, "m.txt").tasks}
    assert list(tasks) == ["二"]


# -- 6. unit lists ----------------------------------------------------------------------------------


def test_a_shared_ge_distributes():
    assert split_units("各区、县级市") == ["各区", "各县级市"]
    assert split_units("各区、县级市人民政府") == ["各区人民政府", "各县级市人民政府"]
    assert split_units("各有关镇、街道") == ["各有关镇", "各有关街道"]


def test_units_naming_their_own_level_or_place_take_no_prefix():
    units = split_units("市体育局、团市委、青溪区人民政府、桐溪海关、国网桐溪供电公司、民政局", ("桐溪",))
    assert units == ["市体育局", "团市委", "青溪区人民政府", "桐溪海关", "国网桐溪供电公司", "市民政局"]


def test_a_prefix_never_doubles():
    assert split_units("市体育局、市民政局、市场监管局") == ["市体育局", "市民政局", "市市场监管局"]


def test_directory_resolves_a_level_prefixed_civil_affairs_bureau_like_the_others():
    assert identify("市民政局", "桐溪市").name == "桐溪市民政局"
    assert identify("市民政局", "桐溪市").key == identify("桐溪市民政局", "桐溪市").key
    assert identify("市民服务中心", "桐溪市").name == "市民服务中心"  # 市民 here is no level prefix


# -- 7. deadlines -----------------------------------------------------------------------------------


def test_the_closing_sentence_is_not_part_of_the_last_deadline():
    body = "（一）建设健身驿站。\n责任单位：市体育局\n完成时限：年内\n本方案自印发之日起施行，由市体育局负责解释。\n"
    task = _tasks(body)["一（一）"]
    assert task.deadline.text == "年内" and task.deadline.due == date(2025, 12, 31)


def test_relative_deadlines_take_the_year_of_a_printing_date():
    text = ("桐溪市冬季健身活动方案\n\n一、重点任务\n\n（一）举办冰雪节。（市体育局负责，年底前）\n\n"
            "桐溪市体育局办公室\n2024年11月2日印发\n")
    assert extract_text(text, "p.txt").tasks[0].deadline.due == date(2024, 12, 31)


# -- 8. the reading report --------------------------------------------------------------------------


def test_report_lists_items_without_notes_and_brackets_not_understood_and_missing_years():
    text = ("桐溪市健身方案\n\n一、重点任务\n\n（一）建设步道。（市体育局负责，年底前）\n\n"
            "（二）开放场馆。推进开放。\n\n（三）完善设施。（督导：市政府督查室）（市体育局具体实施负责到底）\n")
    matrix = extract_text(text, "r.txt")
    kinds = {(f.kind, "".join(f.ref)) for f in matrix.findings}
    assert (FINDING_NO_YEAR, "一（一）") in kinds and matrix.needs_year
    assert (FINDING_NO_NOTE, "一（二）") in kinds
    assert (FINDING_NOT_UNDERSTOOD, "一（三）") in kinds
    lines = {"".join(f.ref): f.line for f in matrix.findings}
    assert lines["一（二）"] == 7
    assert matrix.to_json()["tasks"][0]["deadline"]["due"] is None  # the JSON is unchanged by the report


def test_extract_prints_the_report_on_stderr_and_leaves_stdout_alone(tmp_path, capsys):
    plan = tmp_path / "plan.txt"
    plan.write_text("桐溪市健身方案\n\n一、重点任务\n\n（一）建设步道。（市体育局负责）\n\n（二）开放场馆。推进开放。\n",
                    encoding="utf-8")
    assert main(["extract", str(plan), "--json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert set(data) == {"source", "plan", "standing_units", "tasks"}
    assert "提示：第7行 一（二）：编号事项没有识别出责任单位说明" in err.splitlines()


def test_more_role_words_and_a_leading_you():
    note = find_notes("（由市体育局负总责，市财政局承办）")[0]
    assert note.leads == ["市体育局"] and note.responsible == ["市财政局"]
    note = find_notes("（市发展改革委统筹，各区人民政府负责）")[0]
    assert note.leads == ["市发展改革委"] and note.responsible == ["各区人民政府"]


def test_office_labels_of_a_department_plan():
    note = find_notes("（牵头处室：群体处；配合处室：竞技处、青少处）")[0]
    assert note.leads == ["群体处"] and note.responsible == ["竞技处", "青少处"]


def test_one_cell_per_line_row_with_an_empty_cell_keeps_its_columns():
    text = ("桐溪市2025年健身任务清单\n\n序号\n任务名称\n牵头单位\n配合单位\n完成时限\n"
            "1\n建设口袋公园\n市园林局\n2025年10月底前\n"
            "2\n举办全民运动会\n市体育局\n各区人民政府\n年底前\n")
    tasks = {"".join(t.ref): t for t in extract_text(text, "web.txt").tasks}
    assert tasks["1"].lead == ["市园林局"] and tasks["1"].responsible == []
    assert tasks["1"].deadline.due == date(2025, 10, 31)
    assert tasks["2"].responsible == ["各区人民政府"]


def test_fields_separated_only_by_spaces():
    task = _tasks("（一）建设健身中心。（牵头单位：市体育局　配合单位：市财政局、市教育局　完成时限：2025年底）\n")["一（一）"]
    assert task.lead == ["市体育局"] and task.responsible == ["市财政局", "市教育局"]
    assert task.deadline.text == "2025年底"


def test_summary_items_naming_tasks_are_still_no_tasks_beside_the_table():
    text = ("桐溪市人民政府办公室关于印发桐溪市2025年重点任务清单的通知\n\n（一）重点任务方面2项：建设公园、举办赛事。\n\n"
            "桐溪市人民政府办公室\n\n2025年3月3日\n\n附件\n\n桐溪市2025年重点任务清单\n"
            "序号\t重点任务\t牵头单位\t完成时限\n1\t建设公园\t市园林局\t年底前\n2\t举办赛事\t市体育局\t9月底前\n")
    assert [t.ref for t in extract_text(text, "n.txt").tasks] == [("1",), ("2",)]


def test_and_before_a_collective_joins_two_units():
    assert split_units("省直有关部门和各市、州人民政府") == ["省直有关部门", "各市人民政府", "各州人民政府"]
    assert split_units("市住房和城乡建设局") == ["市住房和城乡建设局"]


def test_a_deadline_line_does_not_take_the_sentence_after_it():
    body = "（一）建设健身驿站。\n责任单位：市体育局\n完成时限：2025年底前\n各单位要加强协作\n"
    task = _tasks(body)["一（一）"]
    assert task.deadline.text == "2025年底前"


def test_web_metadata_pairs_on_one_line():
    text = ("标题：桐溪市人民政府关于推进体育强市建设的实施意见\n"
            "发文机关：桐溪市人民政府　来源：市政府办公室　成文日期：2025年01月08日\n"
            "发文字号：桐政发〔2025〕2号　发布日期：2025年01月12日\n\n一、重点任务\n（一）建设场馆。（市体育局负责，年底前）\n")
    matrix = extract_text(text, "w.txt")
    assert matrix.plan.title == "桐溪市人民政府关于推进体育强市建设的实施意见"
    assert matrix.plan.issuer == "桐溪市人民政府"
    assert matrix.plan.issued == date(2025, 1, 8) and matrix.plan.doc_number == "桐政发〔2025〕2号"
    assert matrix.tasks[0].deadline.due == date(2025, 12, 31)


def test_a_labelled_note_after_the_sentence_on_the_same_line():
    task = _tasks("（一）建设健身驿站。新建驿站20个。牵头单位：市体育局；责任单位：各区人民政府；完成时限：2025年底前\n")["一（一）"]
    assert task.title == "建设健身驿站"
    assert task.lead == ["市体育局"] and task.responsible == ["各区人民政府"]
    assert task.deadline.text == "2025年底前"


def test_labels_in_square_brackets_before_their_values():
    task = _tasks("（一）建设健身驿站。新建驿站20个。【牵头单位】市体育局【责任单位】各区人民政府【完成时限】2025年底前\n")["一（一）"]
    assert task.title == "建设健身驿站"
    assert task.lead == ["市体育局"] and task.responsible == ["各区人民政府"]
    assert task.deadline.text == "2025年底前"


def test_party_departments_share_the_party_prefix():
    assert split_units("市委组织部、宣传部、教育局") == ["市委组织部", "市委宣传部", "市教育局"]


def test_a_missing_year_is_said_once_with_its_line(tmp_path, capsys):
    plan = tmp_path / "plan.txt"
    plan.write_text("桐溪市健身方案\n\n一、重点任务\n\n（一）建设步道。（市体育局负责，年底前）\n", encoding="utf-8")
    assert main(["extract", str(plan)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if "年底前" in line] == ["提示：第5行 一（一）：完成时限“年底前”没有写年份，请填写方案年份"]


def test_a_two_row_header_under_merged_cells():
    text = ("桐溪市2025年健身任务表\n序号\t重点任务\t责任单位\t\t完成时限\n\t\t牵头单位\t配合单位\n"
            "1\t建设口袋公园\t市园林局\t市住建局、市财政局\t2025年10月底前\n")
    task = extract_text(text, "t.txt").tasks[0]
    assert task.lead == ["市园林局"] and task.responsible == ["市住建局", "市财政局"]
    assert task.deadline.due == date(2025, 10, 31)


def test_table_group_rows_of_two_levels():
    text = ("桐溪市2025年健身任务表\n序号\t重点任务\t牵头单位\n一、设施建设\n（一）场地\n1\t建设口袋公园\t市园林局\n"
            "（二）场馆\n2\t建设体育馆\t市体育局\n二、赛事活动\n3\t举办运动会\t市体育局\n")
    assert [t.ref for t in extract_text(text, "t.txt").tasks] == [
        ("一", "（一）", "1"), ("一", "（二）", "2"), ("二", "3"),
    ]


def test_a_paragraph_after_a_table_is_no_group_row():
    text = ("桐溪市2025年健身方案\n一、重点任务\n序号\t重点任务\t牵头单位\n1\t建设口袋公园\t市园林局\n"
            "二、保障措施\n（一）加强组织领导。各单位要落实责任。（市体育局负责）\n")
    refs = [t.ref for t in extract_text(text, "t.txt").tasks]
    assert ("二", "（一）") in refs
