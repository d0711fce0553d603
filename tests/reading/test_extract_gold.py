"""Each seed plan reads to exactly its gold matrix (shared spec matrix-json.md)."""
import json
from pathlib import Path

import pytest

from app.reading.extract import extract_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
GOLD = FIXTURES / "gold"


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_matches_gold(seed):
    gold = json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))
    matrix = extract_text(seed.read_text(encoding="utf-8"), seed.name)
    got = matrix.to_json()
    assert got["plan"] == gold["plan"]
    assert got["standing_units"] == gold["standing_units"]
    assert [t["ref"] for t in got["tasks"]] == [t["ref"] for t in gold["tasks"]]
    for mine, want in zip(got["tasks"], gold["tasks"]):
        assert mine == want, f"task {''.join(want['ref'])}"
    assert got == gold
    assert matrix.warnings == []


def test_task_text_keeps_the_whole_item():
    seed = next(s for s in SEEDS if s.stem.startswith("001"))
    matrix = extract_text(seed.read_text(encoding="utf-8"), seed.name)
    first = matrix.tasks[0]
    assert first.text.startswith(first.title)
    assert "牵头单位" in first.text and len(first.text) > 200
