"""Build the Linux bundle, the .deb and the portable zip once; install the .deb into a temporary root
with `dpkg -x`; run the installed program with no Python anywhere on its path or in its environment.

Slow (about a minute: one PyInstaller build shared by every test here). The steps that need the
extractor or the window skip, naming what is missing, until those modules exist.
"""
from __future__ import annotations

import configparser
import filecmp
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from inno_script import read_inno_script

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "duban-desk"
SAMPLE = sorted((ROOT / "resources" / "samples").glob("*.txt"))[0]
QT_USED = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg", "QtPdf", "QtPdfWidgets"}
# stderr lines Qt prints offscreen that say nothing about the program (see platform-notes.md).
HARMLESS_STDERR = ("propagateSizeHints",)


def _version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def _run_script(name: str, env: dict[str, str]) -> Path:
    done = subprocess.run(["bash", str(ROOT / "installers" / name)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    return Path(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """One bundle and one .deb (uncompressed: the content is what is tested, and xz takes a minute)."""
    for tool in ("dpkg-deb", "objdump"):
        if shutil.which(tool) is None:
            pytest.skip(f"需要 {tool}（Debian 系统，scripts/bootstrap.sh 安装 binutils）")
    tmp = tmp_path_factory.mktemp("build")
    env = dict(os.environ, PYTHON=sys.executable, DIST_DIR=str(tmp / "dist"), WORK_DIR=str(tmp / "work"),
               DEB_COMPRESSION="none")
    bundle = _run_script("build_linux.sh", env)
    deb = _run_script("build_deb.sh", env)
    root = tmp / "root"
    subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)
    return {"env": env, "bundle": bundle, "deb": deb, "root": root}


@pytest.fixture(scope="module")
def portable(build):
    """The portable zip of the same bundle (stored, not compressed: again only its content matters)."""
    for tool in ("zip", "unzip"):
        if shutil.which(tool) is None:
            pytest.skip(f"需要 {tool}（scripts/bootstrap.sh 安装）")
    return _run_script("build_portable.sh", dict(build["env"], ZIP_LEVEL="0"))


@pytest.fixture
def installed(build, tmp_path):
    """How to run the installed program: through a launcher link like /usr/bin/duban-desk, PATH holding
    nothing else, an environment with no Python variables, a throw-away home and data folder."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / PACKAGE).symlink_to(build["root"] / "opt" / PACKAGE / "duban")
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path / "home"), "DUBAN_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    assert shutil.which("python3", path=env["PATH"]) is None and shutil.which("python", path=env["PATH"]) is None

    def run(*args: str, **kwargs):
        return subprocess.run([PACKAGE, *args], env=env, cwd=tmp_path, capture_output=True, text=True,
                              timeout=120, executable=str(bin_dir / PACKAGE), **kwargs)

    return run


def _unexpected(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and not any(h in line for h in HARMLESS_STDERR)]


def test_deb_control_launcher_and_desktop_entry(build):
    info = subprocess.run(["dpkg-deb", "-f", str(build["deb"]), "Package", "Version"],
                          capture_output=True, text=True, check=True).stdout
    assert info.splitlines() == [f"Package: {PACKAGE}", f"Version: {_version()}"]
    root = build["root"]
    launcher = root / "usr" / "bin" / PACKAGE
    assert launcher.is_symlink() and os.readlink(launcher) == f"/opt/{PACKAGE}/duban"
    assert os.access(root / "opt" / PACKAGE / "duban", os.X_OK)
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(root / "usr" / "share" / "applications" / f"{PACKAGE}.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Name"] == "督办台" and entry["Exec"] == PACKAGE and entry["Type"] == "Application"
    icon = entry["Icon"]
    assert (root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{icon}.png").stat().st_size > 0
    assert (root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / f"{icon}.svg").is_file()


def test_bundle_carries_data_and_only_the_used_qt(build):
    internal = build["root"] / "opt" / PACKAGE / "_internal"
    for folder in ("resources", "db"):
        source = ROOT / folder
        for path in source.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert filecmp.cmp(path, internal / path.relative_to(ROOT), shallow=False), path
    bindings = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert bindings == QT_USED
    translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").glob("*.qm")}
    assert "qtbase_zh_CN.qm" in translations and all(name.endswith("_zh_CN.qm") for name in translations)
    assert not list(internal.rglob("tkinter")) and not list(internal.rglob("_pytest"))


def test_installed_program_knows_its_version_and_licences(installed):
    done = installed("about")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"督办台 版本 {_version()}"
    assert any(line.strip().startswith("PySide6_Essentials ") for line in lines)  # library metadata bundled
    assert _unexpected(done.stderr) == []


def test_installed_extract_matches_source(installed):
    for module in ("app.reading.extract", "app.cli.extract"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} 尚未实现")
    frozen = installed("extract", str(SAMPLE), "--json")
    assert frozen.returncode == 0, frozen.stderr
    source = subprocess.run([sys.executable, str(ROOT / "main.py"), "extract", str(SAMPLE), "--json"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(frozen.stdout) == json.loads(source.stdout)
    assert json.loads(frozen.stdout)["tasks"]


def test_installed_window_screenshot(installed, tmp_path):
    if importlib.util.find_spec("app.ui.application") is None:
        pytest.skip("app.ui.application 尚未实现")
    from PIL import Image

    out = tmp_path / "out.png"
    done = installed("--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    assert _unexpected(done.stderr) == []
    with Image.open(out) as image:
        assert image.format == "PNG" and image.width >= 640 and image.height >= 400
        low, high = image.convert("L").getextrema()
        assert high - low > 64  # something was drawn, not a blank frame


def test_portable_zip_keeps_data_beside_the_program(portable, tmp_path):
    if importlib.util.find_spec("app.ui.application") is None:
        pytest.skip("app.ui.application 尚未实现（便携模式由窗口写入数据目录来验证）")
    target = tmp_path / "usb"
    with zipfile.ZipFile(portable) as archive:
        names = archive.namelist()
    assert "duban-desk/portable.txt" in names and "duban-desk/duban" in names
    subprocess.run(["unzip", "-q", str(portable), "-d", str(target)], check=True)
    home = tmp_path / "home"
    env = {"PATH": "/nonexistent", "HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    done = subprocess.run([str(target / "duban-desk" / "duban"), "--screenshot", str(tmp_path / "p.png")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert any((target / "duban-desk" / "data").iterdir())
    assert not home.exists()  # nothing written to the user's own folders


def test_windows_script_files_exist_in_a_build(build):
    iss = read_inno_script(ROOT / "installers" / "windows" / "duban.iss")
    bundle = build["bundle"]
    (files,) = iss.entries["Files"]
    source = files["Source"].replace("\\", "/")
    assert source.endswith("/*") and "recursesubdirs" in files["Flags"]
    assert Path(iss.defines["BundleDir"].replace("\\", "/")).name == bundle.name
    program = iss.defines["AppExe"].removesuffix(".exe")  # duban.exe on Windows is `duban` here
    assert (bundle / program).is_file() and (bundle / "_internal" / "resources").is_dir()
