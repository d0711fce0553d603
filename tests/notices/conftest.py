"""Fixtures of the notice tests: the bundled fonts, a real unit of a sample plan with its tasks."""
from datetime import date

import pytest

from app.notices.content import NoticeNumber, SupervisionNotice
from app.notices.fonts import load_fonts

from .samples import OFFICE, TODAY, busiest_unit, gold_matrix, task_lines


@pytest.fixture(scope="session")
def fonts():
    return load_fonts(use_system=False)


@pytest.fixture(scope="session")
def sample():
    matrix = gold_matrix()
    unit = busiest_unit(matrix)
    return matrix, unit, task_lines(matrix, unit)


@pytest.fixture
def supervision(sample):
    _, unit, tasks = sample
    return SupervisionNotice(NoticeNumber("市督办", 2026, 12), unit, tasks[:4], TODAY, date(2026, 11, 30), OFFICE)
