"""The small Inno Setup reader the installer tests rely on: it must read entries the way Inno does."""
from inno_script import read_inno_script


def test_reads_defines_sections_and_quoted_entries(tmp_path):
    path = tmp_path / "x.iss"
    path.write_bytes("\ufeff; comment\n#define Exe \"a.exe\"\n#ifndef V\n  #define V \"1\"\n#endif\n"
                     "#define Exe \"ignored.exe\"\n[Setup]\nAppName=督办台 {#V}\n"
                     "[Registry]\nRoot: HKA; ValueData: \"\"\"{app}\\{#Exe}\"\" \"\"%1\"\"\"; Flags: x y\n"
                     .encode("utf-8"))
    script = read_inno_script(path)
    assert script.has_bom
    assert script.defines == {"Exe": "a.exe", "V": "1"}
    assert script.setup == {"AppName": "督办台 1"}
    assert script.entries["Registry"] == [{"Root": "HKA", "ValueData": '"{app}\\a.exe" "%1"', "Flags": "x y"}]


def test_no_bom_is_reported(tmp_path):
    path = tmp_path / "y.iss"
    path.write_text("[Setup]\nAppId=x\n", encoding="utf-8")
    assert not read_inno_script(path).has_bom
