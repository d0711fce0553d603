"""The one version number: read from pyproject.toml in a checkout, from package metadata when installed or frozen."""
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import app
from app import project

ROOT = Path(__file__).resolve().parent.parent


def test_checkout_version_is_pyprojects():
    with open(ROOT / "pyproject.toml", "rb") as handle:
        expected = tomllib.load(handle)["project"]["version"]
    assert app.__version__ == expected
    assert project.version() == expected


@pytest.fixture
def frozen_like(tmp_path, monkeypatch):
    """No pyproject beside the code, a dist-info on sys.path: what the PyInstaller bundle looks like."""
    monkeypatch.setattr(project, "SOURCE_PYPROJECT", tmp_path / "absent" / "pyproject.toml")
    info = tmp_path / "site" / "duban_desk-9.8.7.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: duban-desk\nVersion: 9.8.7\n"
        "Requires-Dist: reportlab>=4.0,<6\nRequires-Dist: pytest>=8; extra == \"test\"\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    return info


def test_frozen_version_and_requirements_come_from_metadata(frozen_like):
    assert project.version() == "9.8.7"
    assert project.runtime_requirements() == ["reportlab>=4.0,<6"]


def test_foreign_pyproject_is_ignored(tmp_path, monkeypatch):
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "someone-else"\nversion = "5.0"\n', encoding="utf-8")
    monkeypatch.setattr(project, "SOURCE_PYPROJECT", other)

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(project.metadata, "version", not_installed)
    assert project.version() == "0+unknown"


@pytest.mark.parametrize("requirement,name", [
    ("PySide6_Essentials>=6.8,<6.13", "pyside6-essentials"),
    ("chinese-calendar>=1.9,<2", "chinese-calendar"),
    ("typing_extensions >= 4.0; python_version < '3.11'", "typing-extensions"),
    ("zope.interface", "zope-interface"),
])
def test_requirement_name(requirement, name):
    assert project.requirement_name(requirement) == name


def test_requirement_name_rejects_garbage():
    with pytest.raises(ValueError):
        project.requirement_name(">=1.0")


def test_extra_requirements_are_recognised():
    assert project.is_extra_requirement('pytest>=8; extra == "test"')
    assert not project.is_extra_requirement("typing_extensions; python_version < '3.11'")
    assert not project.is_extra_requirement("extra-lib>=1")
