"""Text clean-up primitives for Chinese plan documents: Traditional → Simplified, character widths.

Both functions are pure and cheap enough to run over a whole document (see `to_simplified` for figures).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

import opencc

# OpenCC's own config name: the package resolves "t2s" to the t2s.json it ships inside itself
# (opencc/clib/share/opencc/), so the same call works from a source tree and from a PyInstaller
# bundle that collects the package's data files (`collect_data_files("opencc")`).
_OPENCC_CONFIG = "t2s"
# Half of a UTF-16 pair on its own (a text decoded with "surrogateescape", or built in-process) cannot
# be encoded for OpenCC: it becomes the replacement mark U+FFFD instead of stopping the reading.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # Building the converter loads its dictionaries (a few ms): do it once per process.
    return opencc.OpenCC(_OPENCC_CONFIG)


def to_simplified(text: str) -> str:
    """Traditional Chinese → Simplified (OpenCC 't2s', phrase-aware), everything else unchanged.

    Converted always, with no "is there anything Traditional?" pre-check: OpenCC takes 20–50 ms per
    MB of plan text on this project's machines (tests/reading/bench_formats.py), about what a
    character-by-character check in Python would cost by itself, so a check would save nothing.
    """
    if not text:
        return text
    # OpenCC.convert is declared without a return type; it returns the converted str.
    return cast(str, _converter().convert(_LONE_SURROGATE.sub("\ufffd", text)))


# Full-width ASCII letters and digits (U+FF10–FF19, FF21–FF3A, FF41–FF5A) sit at a fixed offset
# from their ASCII forms.
_FULLWIDTH_OFFSET = 0xFF01 - 0x21
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# Spaces that look like a space but are not U+0020: they break matching of "  2022年11月9日" style
# lines and of unit lists. Tabs and newlines are not touched (tables are tab-separated).
_SPACES = (
    "\u00a0"  # no-break space (common in text copied from web pages)
    "\u3000"  # ideographic space (full-width indentation in official documents)
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"  # en/em/thin... spaces
    "\u202f"  # narrow no-break space
    "\u205f"  # medium mathematical space
)
# Invisible characters that only get in the way of matching: zero-width space, word joiner,
# and a byte-order mark left in the middle of text by concatenated files.
_INVISIBLE = "\u200b\u2060\ufeff"

_REPLACEMENTS = {chr(ord(c) + _FULLWIDTH_OFFSET): c for c in _ALNUM}
_REPLACEMENTS.update({c: " " for c in _SPACES})
_REPLACEMENTS.update({c: "" for c in _INVISIBLE})
# A character class of the characters to replace. These are rare in real text, so a regex that
# finds them is about ten times faster than str.translate visiting every character (6 ms vs 60 ms
# per MB, tests/reading/bench_formats.py).
_TO_REPLACE = re.compile("[" + "".join(sorted(_REPLACEMENTS)) + "]")


def _replacement(match: re.Match[str]) -> str:
    return _REPLACEMENTS[match.group()]


def normalize_width(text: str) -> str:
    """Make widths uniform where parsing depends on them, and only there.

    Exactly:
    - full-width digits ０–９ and Latin letters Ａ–Ｚ, ａ–ｚ become their ASCII forms;
    - NBSP, the ideographic space U+3000, U+2000–U+200A, U+202F and U+205F become a plain space
      (one for one: no runs are collapsed, so offsets stay comparable);
    - zero-width space U+200B, word joiner U+2060 and U+FEFF are removed.
    Everything else stays as it is: in particular full-width punctuation (，。；：（）、“”《》〔〕 and
    also ．－／％) is kept, because the structure and note readers rely on it; tabs and newlines
    are kept.
    """
    return _TO_REPLACE.sub(_replacement, text)
