"""installers/windows/duban.iss checked as far as Linux allows: what Inno Setup would read, and what it promises.

The [Files] sources against a real bundle are checked in test_linux_bundle.py (after its build).
"""
import importlib.util
import re
from pathlib import Path

import pytest
from inno_script import read_inno_script

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installers" / "windows" / "duban.iss"
SCRIPT_DIR = ISS.parent


@pytest.fixture(scope="module")
def iss():
    return read_inno_script(ISS)


def test_unicode_script_has_bom(iss):
    # Without the byte order mark Inno Setup reads the script in the ANSI code page and 督办台 is garbled.
    assert iss.has_bom


def test_fixed_appid_and_per_user_install(iss):
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", iss.setup["AppId"])
    assert iss.setup["PrivilegesRequired"] == "lowest"
    assert iss.setup["DefaultDirName"].startswith("{autopf}\\")  # %LOCALAPPDATA%\Programs when not admin
    assert iss.setup["AppName"] == "督办台"
    assert iss.setup["ChangesAssociations"] == "yes"


def test_chinese_wizard(iss):
    (language,) = iss.entries["Languages"]
    assert language["MessagesFile"].endswith("ChineseSimplified.isl")
    assert iss.setup["ShowLanguageDialog"] == "no"


def test_shortcuts_in_start_menu_and_on_desktop(iss):
    program = "{app}\\" + iss.defines["AppExe"]
    places = {icon["Name"].split("\\")[0]: icon for icon in iss.entries["Icons"]}
    assert places["{autoprograms}"]["Filename"] == program
    assert places["{autodesktop}"]["Filename"] == program
    assert places["{autodesktop}"]["Tasks"] == "desktopicon"
    assert "desktopicon" in {task["Name"] for task in iss.entries["Tasks"]}


def test_uninstaller_leaves_user_data(iss):
    # Only what [Files] installed is removed; nothing may delete beyond {app}, and no user data folder is named.
    for section in ("UninstallDelete", "InstallDelete"):
        for entry in iss.entries.get(section, []):
            assert entry["Name"].startswith("{app}\\"), entry
    text = ISS.read_text(encoding="utf-8-sig")
    assert not re.search(r"^[^;]*\{(localappdata|userappdata|commonappdata)\}", text, re.M | re.I)
    assert all(entry["DestDir"].startswith("{app}") for entry in iss.entries["Files"])


def test_backup_association_uses_the_stores_suffix_per_user(iss):
    if importlib.util.find_spec("app.store.connection") is None:
        pytest.skip("app/store/connection.py (BACKUP_SUFFIX) is not written yet")
    from app.store.connection import BACKUP_SUFFIX

    assert iss.defines["BackupExt"] == BACKUP_SUFFIX
    registry = iss.entries["Registry"]
    assert all(entry["Root"] in ("HKA", "HKCU") for entry in registry)  # no admin rights needed
    subkeys = {entry["Subkey"]: entry for entry in registry}
    assert f"Software\\Classes\\{BACKUP_SUFFIX}\\OpenWithProgids" in subkeys
    command = subkeys[f"Software\\Classes\\{iss.defines['BackupProgId']}\\shell\\open\\command"]
    assert command["ValueData"] == f'"{{app}}\\{iss.defines["AppExe"]}" --db "%1"'


def test_program_name_and_icon_match_the_spec(iss):
    spec = (ROOT / "installers" / "duban.spec").read_text(encoding="utf-8")
    stem = iss.defines["AppExe"].removesuffix(".exe")
    assert f'program("{stem}"' in spec
    assert (SCRIPT_DIR / iss.setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert (SCRIPT_DIR / iss.defines["BundleDir"].replace("\\", "/")).resolve() == ROOT / "dist" / "duban"
