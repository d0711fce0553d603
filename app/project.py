"""The program's own name, version and dependencies, written once: in pyproject.toml.

From a source checkout they are read from pyproject.toml itself, so a version bump needs no reinstall.
Installed by pip, or frozen by PyInstaller (installers/duban.spec writes a dist-info for it into the
bundle), they come from the package metadata, because there is no pyproject.toml beside the code then.
"""
from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path
from typing import Any, cast

DIST_NAME = "duban-desk"
SOURCE_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"

# The distribution name at the start of a requirement such as "reportlab>=4.0,<6; extra == 'x'".
_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def read_pyproject(path: Path) -> dict[str, Any]:
    """The `[project]` table of a pyproject.toml."""
    import tomllib  # only a source checkout or a build reads it (Python 3.11+, as requires-python says)

    with open(path, "rb") as handle:
        return cast(dict[str, Any], tomllib.load(handle)["project"])


def _source_project() -> dict[str, Any] | None:
    """The `[project]` table when running from this project's own source tree, else None."""
    if not SOURCE_PYPROJECT.is_file():
        return None
    project = read_pyproject(SOURCE_PYPROJECT)
    return project if project.get("name") == DIST_NAME else None


def version() -> str:
    source = _source_project()
    if source is not None:
        return cast(str, source["version"])
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        return "0+unknown"  # neither a checkout nor installed: say so rather than invent a number


def requirement_name(requirement: str) -> str:
    """The distribution name a requirement string asks for, normalised (PEP 503) for comparisons."""
    match = _REQUIREMENT_NAME.match(requirement)
    if not match:
        raise ValueError(f"not a requirement: {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def runtime_requirements() -> list[str]:
    """The program's own dependencies (not the test or build extras), as requirement strings."""
    source = _source_project()
    if source is not None:
        return list(source.get("dependencies", []))
    try:
        requires = metadata.requires(DIST_NAME) or []
    except metadata.PackageNotFoundError:
        return []
    return [r for r in requires if not is_extra_requirement(r)]


def is_extra_requirement(requirement: str) -> bool:
    """True for a requirement of an optional extra (`...; extra == "test"`), which a user never gets."""
    marker = requirement.partition(";")[2]
    return "extra" in marker and "==" in marker
