"""A reader for the parts of an Inno Setup script the installer tests check (no Inno Setup on Linux).

It understands what installers/windows/duban.iss uses: `#define NAME "value"` (the first definition of a
name wins, i.e. the defaults and the vendored-translation branch), `[Setup]` directives `Key=value`,
and entry sections of `Key: value; Key: "quoted; value"` lines. `{#NAME}` is expanded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_DEFINE = re.compile(r'#define\s+(\w+)\s+"([^"]*)"\s*$')
_SECTION = re.compile(r"\[(\w+)\]\s*$")
_PARAM = re.compile(r'\s*(\w+)\s*:\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)')


@dataclass
class InnoScript:
    has_bom: bool
    defines: dict[str, str] = field(default_factory=dict)
    setup: dict[str, str] = field(default_factory=dict)
    entries: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def expand(self, text: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: self.defines[m.group(1)], text)


def _entry(line: str) -> dict[str, str]:
    params, pos = {}, 0
    while pos < len(line):
        match = _PARAM.match(line, pos)
        if not match or match.end() == pos:
            raise ValueError(f"unreadable entry at {pos}: {line!r}")
        value = match.group(2).strip()
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('""', '"')
        params[match.group(1)] = value
        pos = match.end()
    return params


def read_inno_script(path: Path) -> InnoScript:
    raw = path.read_bytes()
    script = InnoScript(has_bom=raw.startswith(b"\xef\xbb\xbf"))
    section = None
    for line in raw.decode("utf-8-sig").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            continue
        if stripped.startswith("#"):
            define = _DEFINE.match(stripped)
            if define:
                script.defines.setdefault(define.group(1), define.group(2))
            continue
        header = _SECTION.match(stripped)
        if header:
            section = header.group(1)
            script.entries.setdefault(section, [])
            continue
        if section == "Setup":
            key, _, value = stripped.partition("=")
            script.setup[key.strip()] = script.expand(value.strip())
        elif section is not None:
            script.entries[section].append({k: script.expand(v) for k, v in _entry(stripped).items()})
    return script
