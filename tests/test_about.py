"""The About text: version, bundled fonts with their licence files, libraries with their licences."""
from email.message import Message


import app
from app import about


def _meta(**fields):
    message = Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            message[key.replace("_", "-")] = item
    return message


def test_licence_prefers_expression_then_classifiers_then_short_field():
    assert about._licence_of(_meta(License_Expression="MIT", License="whatever")) == "MIT"
    assert about._licence_of(_meta(Classifier=["License :: OSI Approved :: BSD License",
                                               "Programming Language :: Python"],
                                   License="BSD license (see license.txt)")) == "BSD License"
    assert about._licence_of(_meta(License="LGPL-3.0-only OR GPL-3.0-only")) == "LGPL-3.0-only OR GPL-3.0-only"
    assert about._licence_of(_meta(License="Copyright (c) 2000\nRedistribution and use " + "x" * 200)).startswith("未注明")


def test_libraries_follow_requirements_not_the_whole_environment():
    names = {lib.name.lower().replace("_", "-"): lib for lib in about.libraries()}
    assert "pyside6-essentials" in names and "LGPL" in names["pyside6-essentials"].licence
    assert "reportlab" in names
    assert "pillow" in names  # only through reportlab / pdfplumber: the walk is transitive
    assert "pytest" not in names  # installed here, but only a test extra
    assert "pyinstaller" not in names  # a build extra


def test_fonts_and_licence_files_are_told_apart(tmp_path, monkeypatch):
    for name in ("b.ttc", "a.TTF", "LICENSE-a-OFL.txt", "COPYRIGHT-b.txt", "README.md", "notes.json"):
        (tmp_path / name).write_bytes(b"x" * 10)
    monkeypatch.setattr(about, "_fonts_dir", lambda: tmp_path)
    assert [f.name for f in about.font_files()] == ["a.TTF", "b.ttc"]
    assert [p.name for p in about.font_licence_files()] == ["COPYRIGHT-b.txt", "LICENSE-a-OFL.txt", "README.md"]


def test_about_text_names_version_fonts_and_qt(tmp_path, monkeypatch):
    (tmp_path / "x.ttf").write_bytes(b"\0" * 2_097_152)
    monkeypatch.setattr(about, "_fonts_dir", lambda: tmp_path)
    text = about.about_text()
    assert text.splitlines()[0] == f"督办台 版本 {app.__version__}"
    assert "x.ttf（2.0 MB）" in text
    assert "PySide6_Essentials" in text


def test_about_text_without_fonts(tmp_path, monkeypatch):
    monkeypatch.setattr(about, "_fonts_dir", lambda: tmp_path / "missing")
    assert "（无，使用系统字体）" in about.about_text()
