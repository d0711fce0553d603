"""reportlab imported with its costly all-of-Unicode URI pattern compiled only when used."""
import re

import app.notices.layout  # noqa: F401 - imports reportlab.platypus the way the program does
from app.notices.rl_import import LazyPattern
from reportlab.platypus import paragraph


def test_the_uri_pattern_is_compiled_when_first_used_and_matches_as_before():
    pattern = paragraph.uri_pat
    assert isinstance(pattern, LazyPattern)
    assert pattern.match("https://例子.政务.cn/a?b=1") is not None
    assert pattern.match("not a link") is None
    assert re.compile is not None and re.compile("a", re.I).match("A")  # re.compile itself is re's again
    assert re.compile.__module__ == "re"
