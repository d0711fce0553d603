"""The architecture's lines, held by walking every module's imports.

- Nothing outside app/ui imports Qt (the command line and most tests pay no Qt start-up).
- Nothing outside app/store speaks SQL (no sqlite3 / sqlite_utils imports elsewhere).
- app/ui does not reach into app/store directly: it goes through app/ops like the command line, and gets records
  (app/domain/records.py), so it neither parses JSON nor dates (no `json` import, no `fromisoformat`).
- Data flows one way: reading and domain never import store, ops, notices or ui.
"""
import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"


def _modules():
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP.parent).with_suffix("")
        yield ".".join(rel.parts), path


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = list(_modules())


def test_walk_finds_modules():
    assert any(name == "app.domain.matrix" for name, _ in MODULES)


@pytest.mark.parametrize("name,path", MODULES, ids=[m for m, _ in MODULES])
def test_layer_lines(name, path):
    imports = _imports(path)
    in_ui = name.startswith("app.ui")
    in_store = name.startswith("app.store")
    if not in_ui:
        assert not any(i.startswith(("PySide6", "shiboken6")) for i in imports), f"{name} imports Qt"
    if not in_store:
        assert not any(i.split(".")[0] in ("sqlite3", "sqlite_utils") for i in imports), f"{name} speaks SQL"
    if in_ui:
        assert not any(i.startswith("app.store") for i in imports), f"{name} bypasses app.ops"
        assert "json" not in imports, f"{name} parses JSON: the store's records carry real types"
        assert "fromisoformat" not in path.read_text(encoding="utf-8"), \
            f"{name} parses dates: use app.domain.records.iso_date"
    if name.startswith(("app.reading", "app.domain", "app.forms")):
        banned = ("app.store", "app.ops", "app.notices", "app.ui", "app.cli")
        assert not any(i.startswith(banned) for i in imports), f"{name} reaches downstream"
