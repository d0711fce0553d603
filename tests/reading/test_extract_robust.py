"""Random and mangled text never breaks the extractor, and long noise reads in bounded time."""
import random
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.matrix import Matrix
from app.reading.extract import extract_text

SEEDS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "seeds").glob("*.txt"))
ALPHABET = "（）()〔〕【】《》〈〉、，。；：:;,\n\t 一二三四五六七八九十0123456789年月底前牵头责任单位负责落实市县区局厅委等以下均需各有关"


def _check(matrix):
    assert isinstance(matrix, Matrix)
    data = matrix.to_json()
    assert set(data) == {"source", "plan", "standing_units", "tasks"}
    for task in data["tasks"]:
        assert isinstance(task["lead"], list) and isinstance(task["responsible"], list)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_genre_text_never_raises(text):
    _check(extract_text(text, "x.txt"))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    _check(extract_text(text, "x.txt"))


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_mangled_seed_never_raises(data):
    text = SEEDS[data.draw(st.integers(0, len(SEEDS) - 1))].read_text(encoding="utf-8")
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(alphabet=ALPHABET, max_size=50))
    mangled = text[:cut] + junk + text[cut:].replace("）", "", data.draw(st.integers(0, 5)))
    _check(extract_text(mangled, "x.txt"))


def test_a_note_cut_mid_way_keeps_what_it_printed():
    text = SEEDS[1].read_text(encoding="utf-8")
    cut = text.index("市发展和改革委员会、工业和信息化局") + len("市发展和改革委员会、工业和信息化局")
    matrix = extract_text(text[:cut], "cut.txt")
    assert matrix.tasks[-1].responsible == ["市发展和改革委员会", "市工业和信息化局"]


def test_one_megabyte_of_noise_reads_in_bounded_time():
    rng = random.Random(7)
    noise = "".join(rng.choice(ALPHABET) for _ in range(1_000_000))
    started = time.perf_counter()
    _check(extract_text(noise, "noise.txt"))
    # A bound against runaway (quadratic or backtracking) work, not a speed target: normal is ~1-3 s.
    assert time.perf_counter() - started < 60


def test_unclosed_brackets_everywhere_stay_linear():
    text = "（一）任务。" + "（市发改委、" * 50_000
    started = time.perf_counter()
    _check(extract_text(text, "brackets.txt"))
    assert time.perf_counter() - started < 30
