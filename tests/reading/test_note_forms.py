"""The other forms this genre uses, in plans of other places than the seeds.

Each test writes a small plan the way another city's or ministry's plan prints it, and asserts on
what the extractor makes of it: names, roles, deadlines, conventions, tables.
"""
from datetime import date

from app.reading.extract import extract_text

HEAD = "杭州市人民政府\n2024年3月5日\n\n杭州市数字经济促进行动实施方案\n\n一、总体要求\n\n（一）指导思想。坚持创新驱动。\n\n二、重点任务\n\n"


def _tasks(body: str, head: str = HEAD):
    matrix = extract_text(head + body, "plan.txt")
    return matrix, {"".join(t.ref): t for t in matrix.tasks}


def test_plan_fields_of_another_city():
    matrix, _ = _tasks("（一）建设数据中心。建设算力设施。（市发改委负责）\n")
    assert matrix.plan.issuer == "杭州市人民政府"
    assert matrix.plan.issued == date(2024, 3, 5)
    assert matrix.plan.title == "杭州市数字经济促进行动实施方案"


def test_lead_with_partners_and_deadline_in_one_bracket():
    _, tasks = _tasks("（一）推进数据开放。建设开放平台。（市数据资源局牵头，市财政局、市税务局配合，2024年底前完成）\n")
    task = tasks["二（一）"]
    assert task.title == "推进数据开放"
    assert task.lead == ["市数据资源局"]
    assert task.responsible == ["市财政局", "市税务局"]
    assert task.deadline.due == date(2024, 12, 31)


def test_notes_on_lines_of_their_own():
    body = (
        "（一）培育数字企业。实施培育工程。\n牵头单位：市经信局\n责任单位：市科技局、商务局\n完成时限：2025年6月底前\n\n"
        "（二）完善人才政策。出台政策。\n牵头单位：市人社局\n"
    )
    _, tasks = _tasks(body)
    first = tasks["二（一）"]
    assert first.lead == ["市经信局"]
    assert first.responsible == ["市科技局", "市商务局"]
    assert first.deadline.text == "2025年6月底前" and first.deadline.due == date(2025, 6, 30)
    assert tasks["二（二）"].lead == ["市人社局"]


def test_lead_marked_inside_the_list():
    _, tasks = _tasks("（一）优化营商环境。简化审批。（责任单位：市审批局（牵头）、市司法局）\n")
    assert tasks["二（一）"].lead == ["市审批局"]
    assert tasks["二（一）"].responsible == ["市司法局"]


def test_convention_stated_once_in_the_text():
    body = (
        "各项任务中列第一位者为牵头单位，下同。\n\n"
        "（一）建设智慧交通。推进车路协同。（市交通运输局、市公安局负责）\n"
    )
    matrix, tasks = _tasks(body, HEAD.replace("二、重点任务\n\n", "二、重点任务\n\n"))
    assert matrix.plan.first_listed_is_lead is True
    assert tasks["二（一）"].lead == ["市交通运输局"]
    assert tasks["二（一）"].responsible == ["市公安局"]


def test_explicit_leads_elsewhere_switch_the_convention_off():
    body = (
        "（一）甲任务。内容。（市发改委牵头，市财政局配合）\n\n"
        "（二）乙任务。内容。（市交通运输局、市公安局负责）\n"
    )
    matrix, tasks = _tasks(body)
    assert matrix.plan.first_listed_is_lead is False
    assert tasks["二（二）"].lead == []
    assert tasks["二（二）"].responsible == ["市交通运输局", "市公安局"]


def test_several_notes_inside_one_task():
    body = (
        "（一）加强数据安全。建立分级制度（市网信办负责）；开展安全检查（市公安局、市通信管理局负责）。"
        "完善应急预案。（市应急管理局负责，2024年12月31日前）\n"
    )
    _, tasks = _tasks(body)
    task = tasks["二（一）"]
    assert task.title == "加强数据安全"
    units = task.lead + task.responsible
    assert units == ["市网信办", "市公安局", "市通信管理局", "市应急管理局"]
    assert task.deadline.due == date(2024, 12, 31)


def test_national_plan_with_provincial_governments():
    head = "国务院\n2023年1月9日\n\n质量强国建设纲要\n\n一、总体要求\n\n（一）指导思想。略。\n\n二、主要任务\n\n"
    body = "（二）提升产品质量。实施质量提升行动。（工业和信息化部、市场监管总局等和各有关省级人民政府负责）\n"
    matrix, tasks = _tasks(body, head)
    assert matrix.plan.issuer == "国务院"
    task = tasks["二（二）"]
    assert task.lead + task.responsible == ["工业和信息化部", "市场监管总局", "各有关省级人民政府"]


def test_provincial_prefix_and_own_level_units():
    body = (
        "（一）建设标准体系。制定地方标准。（省市场监管局、发展改革委、浙江大学、国网浙江省电力有限公司，"
        "各设区市政府负责）\n"
    )
    _, tasks = _tasks(body)
    task = tasks["二（一）"]
    assert task.lead + task.responsible == [
        "省市场监管局", "省发展改革委", "浙江大学", "国网浙江省电力有限公司", "各设区市政府",
    ]


def test_asides_in_brackets_are_not_notes():
    body = "（一）建设创新中心。推进国家技术创新中心（长三角）建设，研究惯性测量单元(IMU)。（市科技局负责）\n"
    _, tasks = _tasks(body)
    task = tasks["二（一）"]
    assert task.lead == ["市科技局"] and task.responsible == []


def test_note_cut_off_by_the_end_of_the_text():
    _, tasks = _tasks("（一）强化考核。建立考核机制。〔责任单位：各区县政府，市考评办、市统计局")
    task = tasks["二（一）"]
    assert task.lead + task.responsible == ["各区县政府", "市考评办", "市统计局"]


def test_unreadable_deadline_is_kept_with_a_warning():
    matrix, tasks = _tasks("（一）推进改革。深化改革。（牵头单位：市改革办；完成时限：视情推进）\n")
    deadline = tasks["二（一）"].deadline
    assert deadline.text == "视情推进" and deadline.due is None
    assert matrix.warnings and "视情推进" in matrix.warnings[0]


def test_task_table_as_tab_separated_text_with_group_rows():
    text = (
        "宁波市文旅融合发展实施方案\n\n重点任务分工表\n"
        "序号\t重点任务\t牵头单位\t责任单位\t完成时限\n"
        "一、文旅融合\n"
        "1\t打造精品线路。推出十条线路。\t市文化广电旅游局\t市交通局、市农业农村局\t2024年底前\n"
        "2\t培育文旅品牌。\t市文化广电旅游局\t各区（县、市）政府\t持续推进\n"
        "二、设施建设\n"
        "3\t建设旅游集散中心。\t市交通局\t\t2025年6月\n"
    )
    matrix = extract_text(text, "table.txt")
    tasks = {"".join(t.ref): t for t in matrix.tasks}
    assert list(tasks) == ["一1", "一2", "二3"]
    assert tasks["一1"].title == "打造精品线路"
    assert tasks["一1"].lead == ["市文化广电旅游局"]
    assert tasks["一1"].responsible == ["市交通局", "市农业农村局"]
    assert tasks["一2"].responsible == ["各区（县、市）政府"]
    assert tasks["一2"].deadline.ongoing is True
    assert tasks["二3"].lead == ["市交通局"] and tasks["二3"].responsible == []
    assert tasks["二3"].deadline.due == date(2025, 6, 30)
    assert matrix.plan.first_listed_is_lead is False


def test_fields_separated_by_commas():
    _, tasks = _tasks("（一）推进招商。引进项目。（牵头单位：市投促局，配合单位：市商务局、市财政局，完成时限：2025年底）\n")
    task = tasks["二（一）"]
    assert task.lead == ["市投促局"]
    assert task.responsible == ["市商务局", "市财政局"]
    assert task.deadline.due.isoformat() == "2025-12-31"


def test_a_section_of_goals_and_tasks_holds_tasks():
    head = "某市人民政府\n2024年1月2日\n\n某市乡村振兴实施方案\n\n一、目标任务和工作措施\n\n"
    _, tasks = _tasks("（一）发展特色产业。培育产业。（市农业农村局负责）\n（二）建设美丽乡村。整治环境。\n", head)
    assert list(tasks) == ["一（一）", "一（二）"]
