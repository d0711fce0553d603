"""The register keeps a notice's content as JSON; reading it back gives the same notice and the same PDF."""
import dataclasses
import json
from datetime import date

from app.notices.batch import render
from app.notices.content import Bulletin, NoticeNumber, ReminderNotice, TaskSource, UnitProgress
from app.notices.params import from_params, to_params

from .samples import TODAY


def _round_trip(document):
    return from_params(json.loads(json.dumps(to_params(document), ensure_ascii=False)))


def test_every_kind_round_trips(supervision):
    task = dataclasses.replace(supervision.tasks[0], days_late=12, times_chased=2, previous_number="市督办〔2026〕3号",
                               source=TaskSource("某方案", "某政发〔2025〕1号", "三（一）"))
    reminder = ReminderNotice(NoticeNumber("市催办", 2026, 2), "某局", (task,), TODAY, date(2026, 12, 1),
                              supervision.office)
    bulletin = Bulletin(NoticeNumber("市通报", 2026, 1), "某方案", None, TODAY, TODAY, (("逾期", 1),), (("红灯", 1),),
                        (UnitProgress("某局", 3, 1, 1),), (("某局", (task,)),), supervision.office)
    for document in (supervision, dataclasses.replace(supervision, style="letter"), reminder, bulletin):
        assert _round_trip(document) == document


def test_recreated_pdf_is_byte_identical(supervision):
    assert render(_round_trip(supervision)) == render(supervision)
