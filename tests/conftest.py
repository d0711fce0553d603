"""Shared test set-up: Qt offscreen (no display on CI), fixtures' paths, a private data folder."""
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
GOLD = FIXTURES / "gold"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Never touch the real user data folder from a test."""
    monkeypatch.setenv("DUBAN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def seeds():
    return SEEDS


@pytest.fixture
def gold_dir():
    return GOLD
