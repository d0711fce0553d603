"""Use cases that report progress are generators of (percent, message) returning their result; the window's
runner turns the steps into a progress bar, the command line just drives them to the end."""
from __future__ import annotations

from typing import Generator, TypeVar, cast

_R = TypeVar("_R")


def run_steps(steps: Generator[tuple[int, str], None, _R]) -> _R:
    """Drive a generator of (percent, message) to its result (the command line; the window's runner drives its own)."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return cast(_R, stop.value)
