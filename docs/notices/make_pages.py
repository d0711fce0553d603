"""Page pictures of every kind of notice, for the README: python3 docs/notices/make_pages.py [OUT_DIR]

Content from a sample plan's gold matrix (tests/fixtures/gold), set in the bundled fonts (the pictures do not
depend on the machine); each PDF's pages drawn by pdftoppm (poppler-utils) at 100 dpi and put side by side
as docs/notices/<kind>.png.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DUBAN_BUNDLED_FONTS_ONLY"] = "1"

from app.notices.batch import render  # noqa: E402
from app.notices.content import (  # noqa: E402
    STYLE_LETTER, Bulletin, NoticeNumber, ReminderNotice, SupervisionNotice, UnitProgress,
)
from tests.notices.samples import OFFICE, TODAY, busiest_unit, gold_matrix, task_lines  # noqa: E402


def documents() -> dict[str, object]:
    matrix = gold_matrix()
    unit = busiest_unit(matrix)
    tasks = task_lines(matrix, unit)
    late = tuple(dataclasses.replace(t, days_late=d, times_chased=i % 3, previous_number=f"某督办〔2026〕{i + 3}号"
                                     if i % 3 else None)
                 for i, (t, d) in enumerate(zip(tasks, (42, 17, 9, 3, -2, -5, -6, 20))))
    red = dataclasses.replace(OFFICE, red_header=True, header_title="某市人民政府督查室文件")
    form = SupervisionNotice(NoticeNumber("某督办", 2026, 12), unit, tasks[:4], TODAY, date(2026, 11, 30), OFFICE)
    return {
        "form": form,
        "letter": dataclasses.replace(form, style=STYLE_LETTER, tasks=tasks[:3]),
        "reminder-one": ReminderNotice(NoticeNumber("某催办", 2026, 7), unit, late[:1], TODAY, date(2026, 11, 26),
                                       OFFICE),
        "reminder": ReminderNotice(NoticeNumber("某催办", 2026, 8), unit, late, TODAY, date(2026, 11, 26), OFFICE),
        "bulletin": Bulletin(
            NoticeNumber("某督通", 2026, 3), matrix.plan.title or "", "某政发〔2023〕5号", TODAY, TODAY,
            (("逾期", 4), ("临期", 2), ("正常推进", 6), ("未定时限", 2), ("已完成", 2)),
            (("未启动", 5), ("推进中", 9), ("已完成", 2)),
            (UnitProgress(unit, len(tasks), 2, 4), UnitProgress("市科技局", 6, 1, 1), UnitProgress("市财政局", 5, 0, 0)),
            ((unit, late[:3]), ("市科技局", late[3:4])), red),
    }


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory() as tmp:
        for name, document in documents().items():
            pdf = Path(tmp) / f"{name}.pdf"
            pdf.write_bytes(render(document))  # type: ignore[arg-type]
            shutil.copy(pdf, out / f"{name}.pdf") if os.environ.get("KEEP_PDF") else None
            subprocess.run(["pdftoppm", "-r", "100", "-png", str(pdf), str(Path(tmp) / name)], check=True)
            pages = sorted(Path(tmp).glob(f"{name}-[0-9]*.png"))
            _side_by_side(pages, out / f"{name}.png")
            print(f"{name}: {len(pages)} page(s) -> {out / f'{name}.png'}")


def _side_by_side(pages: list[Path], target: Path) -> None:
    """The pages in one picture, left to right (PySide6's QImage: no other imaging library needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841
    images = [QImage(str(p)) for p in pages]
    gap = 12
    width = sum(i.width() for i in images) + gap * (len(images) + 1)
    height = max(i.height() for i in images) + 2 * gap
    sheet = QImage(width, height, QImage.Format.Format_RGB32)
    sheet.fill(QColor("#9a9a9a"))
    painter = QPainter(sheet)
    x = gap
    for image in images:
        painter.drawImage(x, gap, image)
        x += image.width() + gap
    painter.end()
    sheet.save(str(target))


if __name__ == "__main__":
    main()
