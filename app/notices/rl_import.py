"""reportlab's Platypus imported without compiling, at import, a regular expression no notice uses.

`reportlab.platypus.paragraph` compiles at import a case-insensitive URI pattern with character ranges over
nearly all of Unicode (`[a-z\\xa1-\\uffff0-9]`, for splitting long links): Python's `re` folds the case of
every character in those ranges, 35 ms of a `notice` command's 0.55 s. Such a pattern is compiled here when
it is first used instead (never, for our paragraphs: they hold no links); every other pattern as usual.

Import this module before anything from `reportlab.platypus` (the notice modules do, on their first line of
imports); once reportlab is imported, importing it again does nothing.
"""
from __future__ import annotations

import re
import sys
from typing import Any

_WIDE_RANGE = "\xa1-\uffff"  # a range over (nearly) all of Unicode: costly to case-fold


class LazyPattern:
    """A compiled pattern's stand-in that compiles the pattern when one of its methods is first asked for."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = _compile(*self._args)
        return getattr(self._compiled, name)


_compile = re.compile


def _deferring(pattern: Any, flags: int = 0) -> Any:
    if isinstance(pattern, str) and flags & re.IGNORECASE and _WIDE_RANGE in pattern:
        return LazyPattern(pattern, flags)
    return _compile(pattern, flags)


def _import_platypus() -> None:
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    re.compile = _deferring  # only while reportlab's modules are first imported
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = _compile


_import_platypus()
