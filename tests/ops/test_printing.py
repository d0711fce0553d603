"""Printing sends the PDF file itself: CUPS `lp` (a fake one on PATH here) or a copy to a PDF file."""
import os
import stat
import sys
from pathlib import Path

import pytest

from app.errors import UserError
from app.ops import printing

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a shell-script lp")


def _fake_lp(folder: Path, exit_code: int = 0) -> Path:
    """An `lp` that records its arguments, keeps the file it was given and answers as CUPS does."""
    log = folder / "lp.log"
    script = folder / "lp"
    script.write_text("#!/bin/sh\n"
                      f'printf "%s\\n" "$@" > "{log}"\n'
                      f'for last; do :; done; cp "$last" "{folder}/spooled.pdf"\n'
                      'echo "request id is 办公室打印机-17 (1 file(s))"\n'
                      'echo "lp: 打印机不存在" >&2\n'
                      f"exit {exit_code}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


@pytest.fixture
def pdf(tmp_path) -> Path:
    path = tmp_path / "督办_某局.pdf"
    path.write_bytes(b"%PDF-1.4\n% a notice\n%%EOF\n")
    return path


def test_lp_on_path_gets_the_pdf_itself_with_the_printer_named(tmp_path, pdf, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = _fake_lp(bin_dir)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert printing.direct_method() == printing.CUPS
    said = printing.send_to_printer(pdf, "办公室打印机")
    assert log.read_text().split("\n")[:4] == ["-d", "办公室打印机", "--", str(pdf)]
    assert (bin_dir / "spooled.pdf").read_bytes() == pdf.read_bytes()
    assert "request id" in said
    printing.send_to_printer(pdf)  # the default printer: no -d
    assert log.read_text().split("\n")[:2] == ["--", str(pdf)]


def test_lp_failing_is_a_chinese_refusal(tmp_path, pdf, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_lp(bin_dir, exit_code=1)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(UserError, match="打印“督办_某局.pdf”失败：lp: 打印机不存在"):
        printing.send_to_printer(pdf, "没有的打印机")


def test_no_way_to_print_directly_is_said(tmp_path, pdf, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no lp
    assert printing.direct_method() is None
    with pytest.raises(UserError, match="没有可直接打印"):
        printing.send_to_printer(pdf)
    with pytest.raises(UserError, match="找不到要打印的文件"):
        printing.send_to_printer(tmp_path / "gone.pdf")


def test_print_files_to_a_folder_copies_each_pdf_byte_for_byte(tmp_path, pdf):
    other = tmp_path / "催办_另一局.pdf"
    other.write_bytes(b"%PDF-1.4\n% another\n%%EOF\n")
    steps = printing.print_files([pdf, other], to_file=tmp_path / "打印" / "输出")
    progress = []
    while True:
        try:
            progress.append(next(steps))
        except StopIteration as stop:
            lines = stop.value
            break
    assert [p for p, _ in progress] == [0, 50, 100]
    out = tmp_path / "打印" / "输出"
    assert (out / pdf.name).read_bytes() == pdf.read_bytes() and (out / other.name).read_bytes() == other.read_bytes()
    assert lines == [str(out / pdf.name), str(out / other.name)]
    assert printing.print_to_file(pdf, tmp_path / "单个") == tmp_path / "单个.pdf"
    blocker = tmp_path / "占位"
    blocker.write_text("x")
    with pytest.raises(UserError, match="无法打印到文件"):
        printing.print_to_file(pdf, blocker / "下面.pdf")


def test_windows_hands_the_pdf_to_the_shell_print_verb(pdf, monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", lambda *args: calls.append(args), raising=False)
    assert printing.direct_method() == printing.WINDOWS
    printing.send_to_printer(pdf)
    printing.send_to_printer(pdf, "财务室 HP")
    assert calls == [(str(pdf), "print"), (str(pdf), "printto", '"财务室 HP"')]
