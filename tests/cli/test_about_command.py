"""`duban about` prints the About text and exits 0."""
from app.__main__ import main


def test_about_command_prints_version_and_licences(capsys):
    import app

    assert main(["about"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"督办台 版本 {app.__version__}\n")
    assert "随附程序库及其许可" in out and "reportlab" in out
