"""The window's task query: SQL lights agree with the domain rules; search, unit filters, paging, sorting."""
import random
from datetime import date, timedelta

import pytest

from app.domain.matrix import Matrix, PlanInfo, Task
from app.domain.status import LIGHTS
from app.domain.task_filter import ORDER_KEYS, TaskFilter
from app.ops.plans import import_plan
from app.ops.progress import add_progress
from app.ops.session import open_store
from app.ops.tasks import count_tasks, query_tasks
from app.ops.units import declare_group_member, set_own_unit

from tests.ops.synthetic import deadline_of_kind

BASE = date(2025, 1, 1)


def _synthetic_plan(n=120, seed=7):
    rnd = random.Random(seed)
    tasks = []
    for i in range(n):
        kind = rnd.choice(["date", "date", "ongoing_date", "ongoing", "none", "recurring"])
        due = BASE + timedelta(days=rnd.randint(0, 600))
        deadline = deadline_of_kind(kind, due, recurrence=rnd.choice(["quarterly", "yearly:12-31"]))
        lead = [rnd.choice(["市财政局", "市教育局", "市科技局"])]
        tasks.append(Task(ref=("一", str(i + 1)), title=f"第{i + 1}项 推进{rnd.choice(['数字化', '标准化'])}建设",
                          lead=lead, responsible=["各县区政府"] if i % 5 == 0 else [], deadline=deadline,
                          text=f"任务{i + 1}：推进100%_完成 \"引号\" 的工作"))
    return Matrix(source="synthetic.json", plan=PlanInfo(title="某市某某工作实施方案", issuer="某市人民政府"), tasks=tasks)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with open_store(tmp_path_factory.mktemp("q") / "duban.sqlite3", backup=False) as s:
        result = import_plan(s, _synthetic_plan(), today=BASE)
        rnd = random.Random(3)
        ids = [r["id"] for r in s.db.query("SELECT id FROM tasks WHERE plan_id = ?", [result.plan_id])]
        for task_id in rnd.sample(ids, 50):
            on = BASE + timedelta(days=rnd.randint(0, 500))
            add_progress(s, task_id, on_date=on, content="已部署", percent=rnd.randint(0, 100),
                         status_change=rnd.choice([None, "推进中", "已完成"]))
        yield s


@pytest.mark.parametrize("offset_days", [0, 90, 200, 365, 500, 700])
def test_sql_lights_agree_with_domain_rules(store, offset_days, rows_with_details):
    today = BASE + timedelta(days=offset_days)
    for row, detail in rows_with_details(store, today, 120):
        assert (row.status, row.light, row.progress_state, row.due) == (
            detail.status, detail.light, detail.progress_state, detail.judged_due), row.title


def test_light_filter_counts_partition_the_tasks(store):
    today = BASE + timedelta(days=200)
    counts = {light: count_tasks(store, TaskFilter(today=today, lights=(light,)))
              for light in LIGHTS}
    assert sum(counts.values()) == 120 and counts["red"] > 0 and counts["green"] > 0
    red = query_tasks(store, TaskFilter(today=today, lights=("red",)), limit=1000)
    assert {r.light for r in red} == {"red"} and len(red) == counts["red"]


def test_search_long_and_short_text(store):
    today = BASE
    assert count_tasks(store, TaskFilter(today=today, text="数字化建设")) == \
        sum(1 for r in query_tasks(store, TaskFilter(today=today), limit=1000) if "数字化建设" in r.title)
    assert count_tasks(store, TaskFilter(today=today, text="第1项")) == 1       # FTS, 3 characters
    assert count_tasks(store, TaskFilter(today=today, text="推进")) == 120      # LIKE below 3 characters
    assert count_tasks(store, TaskFilter(today=today, text="%_")) == 120        # wildcards are literal
    assert count_tasks(store, TaskFilter(today=today, text="_x")) == 0
    assert count_tasks(store, TaskFilter(today=today, text='"引号"')) == 120    # quotes do not break FTS
    assert count_tasks(store, TaskFilter(today=today, text="不存在的词语")) == 0


def test_unit_filter_any_spelling_and_groups(store):
    today = BASE
    n = count_tasks(store, TaskFilter(today=today, unit="市财政局"))
    assert n > 0 and count_tasks(store, TaskFilter(today=today, unit="某市财政局")) == n
    assert count_tasks(store, TaskFilter(today=today, unit="没有这个局")) == 0
    assert count_tasks(store, TaskFilter(today=today, own_unit=True)) == 0
    set_own_unit(store, "某市财政局")
    declare_group_member(store, "各县区政府", "某市财政局")
    own = count_tasks(store, TaskFilter(today=today, own_unit=True))
    assert own == n + sum(1 for i in range(120) if i % 5 == 0 and i not in _lead_of(store, "市财政局"))


def _lead_of(store, printed):
    rows = store.db.query("SELECT t.position FROM tasks t JOIN assignments a ON a.task_id = t.id "
                          "WHERE a.printed = ? AND a.role = 'lead'", [printed])
    return {r["position"] for r in rows}


def test_paging_and_sorting(store):
    today = BASE + timedelta(days=100)
    f = TaskFilter(today=today)
    whole = [r.id for r in query_tasks(store, f, order_by="due", limit=1000)]
    pages = [r.id for off in range(0, 120, 25) for r in query_tasks(store, f, order_by="due", limit=25, offset=off)]
    assert pages == whole
    dues = [r.due for r in query_tasks(store, f, order_by="due", limit=1000) if r.due]
    assert dues == sorted(dues)
    rank = {light: i for i, light in enumerate(LIGHTS)}
    lights = [rank[r.light] for r in query_tasks(store, f, order_by="light", limit=1000)]
    assert lights == sorted(lights)
    for key in ORDER_KEYS:
        assert len(query_tasks(store, f, order_by=key, descending=True, limit=5)) == 5


def test_several_lights_or_statuses_select_their_union(store):
    """The window's status box takes several at once (逾期 + 临期): the SQL selects the union, judged at the date."""
    today = BASE + timedelta(days=250)
    ids = {light: {r.id for r in query_tasks(store, TaskFilter(today=today, lights=(light,)), limit=1000)}
           for light in LIGHTS}
    assert ids["red"] and ids["yellow"] and ids["green"]
    for chosen in (("red", "yellow"), ("yellow", "green", "grey")):
        rows = query_tasks(store, TaskFilter(today=today, lights=chosen), limit=1000)
        union = set().union(*(ids[light] for light in chosen))
        assert {r.id for r in rows} == union and len(rows) == len(union) > max(len(ids[light]) for light in chosen)
        assert count_tasks(store, TaskFilter(today=today, lights=chosen)) == len(union)
    by_status = query_tasks(store, TaskFilter(today=today, statuses=("逾期", "临期")), limit=1000)
    assert {r.id for r in by_status} == ids["red"] | ids["yellow"]
