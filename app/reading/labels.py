"""The genre's vocabulary as data: note labels, role words and table column names.

Every rule of the note and table readers looks words up here; a new form of the genre is one more
entry in a table, not one more special case in a reader.

- `LABELS`: what a labelled field of a note holds ("牵头单位：X", "负责部门：X", "完成时限：…",
  "适用范围：…"). Units under a lead label lead; under a unit label they are responsible; a deadline
  label's text is the task's deadline; an other label's text is neither units nor deadline.
- A label the tables do not know (督办单位, 联系科室 …) is *reported* and its text set aside — never the
  note's other fields with it.
- `ROLE_WORDS`: the word closing a run of units ("X牵头", "Y配合", "Z负责") and the role it gives.
  A 负责 run is the lead where the same note names supporting units (配合, 参与, 协助 …).
- `JOINING_WORDS`: "A、B会同有关部门负责": the units before the word lead, those after it take the role.
- `COLUMNS`: a task table's header cells, by what the column holds.
"""
from __future__ import annotations

import re

from app.domain.matrix import ROLE_IMPLEMENTER, ROLE_LEAD, ROLE_RESPONSIBLE

KIND_LEAD = ROLE_LEAD
KIND_UNITS = ROLE_RESPONSIBLE
KIND_DEADLINE = "deadline"
KIND_OTHER = "other"

LEAD_LABELS = (
    "牵头单位", "牵头部门", "牵头责任单位", "主办单位", "主责单位", "主责部门", "牵头机构", "指导单位", "牵头处室",
    "主责处室", "牵头科室",
)
UNIT_LABELS = (
    "责任单位", "责任部门", "负责单位", "负责部门", "配合单位", "配合部门", "协办单位", "参与单位", "参与部门",
    "实施主体", "责任主体", "实施单位", "承办单位", "协同单位", "协作单位", "支持单位", "落实单位", "责任机构",
    "责任处室", "配合处室", "协办处室", "参与处室", "责任科室", "配合科室",
)
DEADLINE_LABELS = (
    "完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "进度安排", "时间安排", "办结时限", "推进时限",
    "实施期限",
)
OTHER_LABELS = (
    "适用范围", "推广范围", "复制推广范围", "工作目标", "预期目标", "目标任务", "预期成果", "完成标志", "成果形式",
    "工作内容", "主要内容", "具体内容", "工作措施", "主要措施", "考核指标", "责任领导", "牵头领导", "分管领导",
    "备注", "资金来源", "建设内容", "建设地点", "项目内容", "政策依据", "督办要求", "责任人", "联系人", "牵头领导",
)
# Unit labels of supporting units: beside them, the note's other (duty) units lead (负责部门 + 配合部门).
SUPPORT_LABELS = (
    "配合单位", "配合部门", "协办单位", "参与单位", "参与部门", "协同单位", "协作单位", "支持单位", "配合处室",
    "协办处室", "参与处室", "配合科室",
)
LABELS: dict[str, str] = {
    **{label: KIND_OTHER for label in OTHER_LABELS},
    **{label: KIND_DEADLINE for label in DEADLINE_LABELS},
    **{label: KIND_UNITS for label in UNIT_LABELS},
    **{label: KIND_LEAD for label in LEAD_LABELS},
}
# Longest first, so that 时限要求 is not read as 时限 followed by 要求.
NOTE_LABELS = tuple(sorted(LABELS, key=len, reverse=True))
# The labels a line of its own may start with to be a note (the "other" ones are prose with a heading).
NOTE_LINE_LABELS = tuple(label for label in NOTE_LABELS if LABELS[label] != KIND_OTHER)
# What a label naming organisations ends with: a bracket opening with one looks like a note.
UNIT_LABEL_ENDS = ("单位", "部门", "主体", "机构", "机关")
# Any short label before a colon: a known one, or one to report.
ANY_LABEL = re.compile(r"([\u4e00-\u9fff]{2,7})\s*[：:]\s*")

# The role a word closing a run of units gives those units.
ROLE_WORDS: dict[str, str] = {
    "牵头": ROLE_LEAD, "牵头负责": ROLE_LEAD, "牵头落实": ROLE_LEAD, "主办": ROLE_LEAD, "负总责": ROLE_LEAD,
    "统筹": ROLE_LEAD, "主责": ROLE_LEAD, "指导": ROLE_LEAD,
    "负责": ROLE_RESPONSIBLE, "落实": ROLE_IMPLEMENTER,
    "配合": ROLE_RESPONSIBLE, "参与": ROLE_RESPONSIBLE, "参加": ROLE_RESPONSIBLE, "协助": ROLE_RESPONSIBLE,
    "协办": ROLE_RESPONSIBLE, "支持": ROLE_RESPONSIBLE, "实施": ROLE_RESPONSIBLE, "承办": ROLE_RESPONSIBLE,
}
# Words that make a note's 负责 run its lead: someone else only supports.
SUPPORT_WORDS = ("配合", "参与", "参加", "协助", "协办", "支持")
# Adverbs that make a 负责 run lead: "X、Y分别负责" (each leads its part).
LEADING_ADVERBS = ("分别",)
# Adverbs before a role word: "按职责分工负责", "分别负责", "共同推进".
ROLE_ADVERBS = ("按照职责分工", "按职责分工", "按照职能分工", "按职能分工", "按照职责", "按职责", "按分工",
                "分别", "共同", "协同", "具体", "各自")
JOINING_WORDS = ("会同",)

# Task table columns, by what they hold; a header cell is matched exactly or as a short cell starting so.
COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("序号", "编号"),
    "title": (
        "重点任务", "主要任务", "工作任务", "任务名称", "具体任务", "任务内容", "重点工作", "工作内容", "改革举措",
        "改革事项", "主要举措", "工作举措", "政策措施", "措施名称", "事项名称", "任务事项", "项目名称", "任务", "事项",
        "举措", "主要工作", "工作事项", "重点项目", "具体工作", "目标任务",
    ),
    "text": (
        "具体措施", "工作措施", "主要措施", "主要内容", "具体内容", "任务要求", "工作要求", "工作目标", "目标要求",
        "建设内容", "具体举措",
    ),
    "lead": LEAD_LABELS,
    "responsible": UNIT_LABELS,
    "deadline": DEADLINE_LABELS + ("时限", "时间"),
    "other": OTHER_LABELS,
}
