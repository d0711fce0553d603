"""What a use case changed, so a window can refresh only that (the command line ignores it).

Each writing use case's result carries a `changes` record; `Changes.merge` joins the records of several steps.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    tasks: frozenset[int] = frozenset()  # these tasks' rows and details changed
    all_tasks: bool = False  # any task may have changed (an import, a setting that moves the lights)
    plans: bool = False  # plans were added, revised or renamed
    units: bool = False  # the unit directory changed (new names, merges)
    notices: bool = False  # the notice register changed
    settings: bool = False
    files: tuple[str, ...] = ()  # files written outside the database (a backup, a notice's PDF)

    @classmethod
    def of_tasks(cls, task_ids: Iterable[int]) -> Changes:
        return cls(tasks=frozenset(task_ids))

    @property
    def empty(self) -> bool:
        return self == Changes()

    def task_changed(self, task_id: int) -> bool:
        return self.all_tasks or task_id in self.tasks

    def merge(self, other: Changes) -> Changes:
        return Changes(
            tasks=self.tasks | other.tasks, all_tasks=self.all_tasks or other.all_tasks,
            plans=self.plans or other.plans, units=self.units or other.units,
            notices=self.notices or other.notices, settings=self.settings or other.settings,
            files=self.files + tuple(f for f in other.files if f not in self.files),
        )


NOTHING = Changes()


def merged(records: Iterable[Changes]) -> Changes:
    total = NOTHING
    for record in records:
        total = total.merge(record)
    return total
