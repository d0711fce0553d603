"""批量督办: one dialog for the whole round of notices.

Choose the scope (a plan or all plans; overdue, due within N days or all unfinished work; optionally only the
units selected in the unit directory), the kind and style; tick the recipients (groups such as 各旗县区政府
included, sent as one notice to the group or one per member the directory knows; 持续推进 work on request); look
at the first notice, its number left blank, before any number is taken; then one button numbers, writes and prints (or only saves) all of them into the
folder chosen (remembered), with the merged PDF for printing, a progress bar and 取消. Every query and the
issuing run on the window's database runner; errors show in the dialog's own message line, and so does the
question before a second 催办 of the day (仍要发出), not a modal box.

The use cases come through app.ui.batch_source (app.ops.notices' plan_batch / preview_batch / issue_batch)."""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.notices.content import KIND_REMINDER, KIND_SUPERVISION, STYLE_LABELS
from app.ui import batch_source as source
from app.ui.plan_choosers import PlanChoice, PlanChooser
from app.ui.issue_window import PreviewedIssueDialog
from app.ui.print_dialog import error_text, print_after
from app.ui.runner import DbRunner

RECIPIENT_ROLE = Qt.ItemDataRole.UserRole + 1


class _Relay(QObject):
    """Carries the worker thread's progress calls to the interface thread (a queued signal)."""

    step = Signal(int, int)


class BatchDialog(PreviewedIssueDialog):
    issued = Signal(object)  # BatchOutcome
    ISSUE_TEXTS = ("编号并打印全部", "编号并保存全部")

    def __init__(self, runner: DbRunner, plans: Sequence[PlanChoice], today: date, parent: QWidget | None = None,
                 *, plan_id: int | None = None, directory_units: Callable[[], tuple[int, ...]] | None = None,
                 reply_days: int = 5) -> None:
        super().__init__("批量督办", runner, (1180, 680), parent, preview_text="预览第一份")
        self.today = today
        self.directory_units = directory_units or (lambda: ())
        self.recipients: list[source.Recipient] = []
        self.outcome: source.BatchOutcome | None = None
        self._previewed: tuple[source.BatchScope, int] | None = None  # the notice the preview shows
        self._job: int | None = None
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.step.connect(self._step)
        self._build(plans, plan_id, reply_days)
        self.reload_recipients()

    # --- building ---------------------------------------------------------------------------------
    def _build(self, plans: Sequence[PlanChoice], plan_id: int | None, reply_days: int) -> None:
        self.plan = PlanChooser(plans, plan_id, every="全部方案")
        self.plan.setMinimumContentsLength(18)
        self.plan.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope_buttons = QButtonGroup(self)
        scope_row = QHBoxLayout()
        for key, label in ((source.SCOPE_OVERDUE, "已逾期"), (source.SCOPE_DUE, "逾期及"),
                           (source.SCOPE_OPEN, "全部未完成")):
            button = QRadioButton(label)
            button.setProperty("scope", key)
            self.scope_buttons.addButton(button)
            scope_row.addWidget(button)
            if key == source.SCOPE_DUE:
                self.within = QSpinBox(minimum=0, maximum=365, value=30, suffix=" 天内到期")
                scope_row.addWidget(self.within)
        self.scope_buttons.buttons()[0].setChecked(True)
        scope_row.addStretch()
        self.only_selected = QCheckBox("只发单位目录中选中的单位")
        self.ongoing = QCheckBox("含持续推进")
        self.ongoing.setToolTip("“全部未完成”时，也列出没有具体完成时限的持续推进任务")
        scope_row.addWidget(self.ongoing)
        self.kind = QComboBox()
        self.kind.addItems([KIND_SUPERVISION, KIND_REMINDER])
        self.style = QComboBox()
        for style, label in STYLE_LABELS.items():
            self.style.addItem(label, style)
        self.reply_days = QSpinBox(minimum=1, maximum=60, value=reply_days, suffix=" 个工作日内反馈")
        self.group_buttons = QButtonGroup(self)
        group_row = QHBoxLayout()
        for key, label in ((source.GROUPS_ADDRESS, "一份发给群体"), (source.GROUPS_EXPAND, "按成员分发")):
            button = QRadioButton(label)
            button.setProperty("groups", key)
            self.group_buttons.addButton(button)
            group_row.addWidget(button)
        self.group_buttons.buttons()[0].setChecked(True)
        group_row.addStretch()
        form = QFormLayout()
        form.addRow("方案", self.plan)
        form.addRow("任务", scope_row)
        form.addRow("", self.only_selected)
        form.addRow("类别", self.kind)
        form.addRow("格式", self.style)
        form.addRow("反馈时限", self.reply_days)
        form.addRow("群体", group_row)
        form.addRow("保存到", self.folder)
        form.addRow("完成后", self.after)

        self.list = QListWidget()
        self.count_label = QLabel()
        all_button, none_button = QPushButton("全选"), QPushButton("全不选")
        all_button.clicked.connect(lambda: self.check_all(True))
        none_button.clicked.connect(lambda: self.check_all(False))
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.count_label, 1)
        list_buttons.addWidget(all_button)
        list_buttons.addWidget(none_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(QLabel("发送对象（勾选要发的单位；［群体］为“各……”类集体名称）："))
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_buttons)

        self.files = QListWidget()
        self.files.setVisible(False)
        self.files.itemDoubleClicked.connect(self._open_file)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview, 3)
        right_layout.addWidget(self.files, 1)
        self.progress = QProgressBar(maximum=100, value=0)
        self.cancel_button = QPushButton("取消")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_folder_button = QPushButton("打开文件夹")
        self.open_folder_button.setEnabled(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.again_button = QPushButton("仍要发出")  # shown with the message about a repeat 催办
        self.again_button.setVisible(False)
        self.again_button.clicked.connect(lambda: self.issue(again=True))
        self.lay_out(left, right, (520, 640), before=[self.progress],
                     after=[self.again_button, self.cancel_button, self.open_folder_button])

        for signal in (self.plan.currentIndexChanged, self.scope_buttons.buttonToggled, self.within.valueChanged,
                       self.only_selected.toggled, self.kind.currentIndexChanged, self.group_buttons.buttonToggled,
                       self.ongoing.toggled):
            signal.connect(self.reload_recipients)
        self.list.itemChanged.connect(self._count_checked)

    # --- the scope and its recipients -----------------------------------------------------------------
    def scope(self) -> source.BatchScope:
        checked = self.scope_buttons.checkedButton()
        units = tuple(self.directory_units()) if self.only_selected.isChecked() else None
        return source.BatchScope(scope=str(checked.property("scope")), within=self.within.value(),
                                 plan_id=self.plan.plan_id(), unit_ids=units, groups=self.groups(),
                                 kind=self.kind.currentText(), include_ongoing=self.ongoing.isChecked())

    def groups(self) -> str:
        return str(self.group_buttons.checkedButton().property("groups"))

    def reload_recipients(self, *_args: Any) -> None:
        if self.group_buttons.checkedButton() is None:
            return  # a radio button passing between two: the second toggle reloads
        scope, today = self.scope(), self.today
        self.again_button.setVisible(False)
        if scope.unit_ids == ():
            self.message.error("单位目录中没有选中的单位：请先打开 查看 → 单位目录 并选中要发的单位。")
        self.count_label.setText("正在查找…")
        self.runner.run(lambda store: source.plan_recipients(store, scope, today), label="正在查找发送对象",
                        done=lambda recipients: self._show_recipients(scope, recipients), failed=self._failed)

    def _show_recipients(self, scope: source.BatchScope, recipients: list[source.Recipient]) -> None:
        if scope != self.scope():
            return  # the form changed meanwhile: its own query follows
        self.recipients = recipients
        self.list.blockSignals(True)
        self.list.clear()
        for r in recipients:
            text = f"{'［群体］' if r.is_group else ''}{r.name}　{r.task_count} 项任务"
            if r.is_group:
                text += f"（目录中成员：{'、'.join(r.members)}）" if r.members else "（目录中未登记成员）"
            if r.via_groups:
                text += f"（含{'、'.join(r.via_groups)}的任务）"
            if r.earlier:
                text += f"　今天已发 {r.earlier}"
            item = QListWidgetItem(text, self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(RECIPIENT_ROLE, r)
            item.setToolTip(text)
        self.list.blockSignals(False)
        self._count_checked()
        if not recipients:
            self.preview.clear("没有符合条件的任务：请换一个方案或范围。")
        elif self._first() != self._previewed:
            self.preview_first()  # the first notice is another one now: show it

    def checked(self) -> list[source.Recipient]:
        return [self.list.item(i).data(RECIPIENT_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def _first(self) -> tuple[source.BatchScope, int] | None:
        chosen = self.checked()
        return (self.scope(), chosen[0].unit_id) if chosen else None

    def _count_checked(self, *_args: Any) -> None:
        chosen = self.checked()
        self.count_label.setText(f"共 {len(self.recipients)} 个对象，已选 {len(chosen)} 个，"
                                 f"{sum(r.task_count for r in chosen)} 项任务，将发 {len(chosen)} 份")
        self.issue_button.setEnabled(bool(chosen) and self._job is None)

    # --- preview ----------------------------------------------------------------------------------
    def _options(self) -> dict[str, Any]:
        return {"style": self.style.currentData(), "today": self.today, "reply_workdays": self.reply_days.value()}

    def preview_first(self) -> int | None:
        first, options = self._first(), self._options()
        if first is None:
            self.message.error("请至少勾选一个发送对象。")
            return None
        into = self.preview_path()
        self._previewed = first
        scope, unit_id = first
        self.preview.clear("正在生成预览…")
        return self.runner.run(lambda store: source.preview_first(store, scope, unit_id=unit_id, into=into, **options),
                               label="正在生成预览", done=self._show_preview, failed=self._failed)

    def _show_preview(self, path: Path) -> None:
        self.preview.show_file(path, "预览：第一份通知，尚未编号，不占用编号（文号空缺，正式编号在“编号并打印”时取得）。")

    # --- issuing ----------------------------------------------------------------------------------
    def issue(self, *, again: bool = False) -> int | None:
        chosen, options, scope = self.checked(), self._options(), self.scope()
        if not chosen:
            self.message.error("请至少勾选一个发送对象。")
            return None
        folder = self.folder.folder()
        if folder is None:
            self.message.error("请选择通知保存到哪个文件夹。")
            return None
        self._cancel.clear()
        self.again_button.setVisible(False)
        self.progress.setValue(0)
        self.message.note("正在编号并生成…")
        self.issue_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        relay, cancel, unit_ids = self._relay.step.emit, self._cancel.is_set, [r.unit_id for r in chosen]
        self._job = self.runner.run(
            lambda store: source.issue_recipients(store, scope, unit_ids, folder=folder, progress=relay,
                                                  cancelled=cancel, again=again, **options),
            label="正在批量生成通知", done=self._issued, failed=self._failed)
        return self._job

    def cancel(self) -> None:
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.message.note("正在取消：当前这一份完成后停止…")

    def _step(self, done: int, total: int) -> None:
        self.progress.setValue(int(100 * done / max(total, 1)))
        self.message.note(f"已生成 {done}/{total} 份…")

    def _issued(self, outcome: source.BatchOutcome) -> None:
        self._job = None
        self.outcome = outcome
        self.cancel_button.setEnabled(False)
        self.open_folder_button.setEnabled(True)
        self._count_checked()
        self.files.clear()
        for notice in outcome.notices:
            item = QListWidgetItem(f"{notice.number}　{notice.unit}　{notice.path.name}", self.files)
            item.setData(Qt.ItemDataRole.UserRole, str(notice.path))
        if outcome.merged is not None:
            item = QListWidgetItem(f"合并打印文件　{outcome.merged.name}", self.files)
            item.setData(Qt.ItemDataRole.UserRole, str(outcome.merged))
            self.preview.show_file(outcome.merged, f"已编号登记 {len(outcome.notices)} 份；下方为合并打印文件。")
        self.files.setVisible(True)
        lines = [f"已生成 {len(outcome.notices)} 份通知，保存在 {outcome.folder}"]
        if outcome.cancelled:
            lines.append("已取消：其余单位未生成、未占用编号。")
        lines += outcome.warnings
        self.progress.setValue(100 if not outcome.cancelled else self.progress.value())
        self.message.note("\n".join(lines))
        self.issued.emit(outcome)
        printer = self.after.printer()
        if printer is not None and outcome.merged is not None:
            print_after(self.runner, [outcome.merged], printer, self.message)

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.cancel_button.setEnabled(False)
        self._count_checked()
        if isinstance(exc, source.RepeatNotice):  # a second 催办 of the day: asked here, not in a modal box
            self.message.error(exc.fact + "确需再次发出，请点“仍要发出”。")
            self.again_button.setVisible(True)
        else:
            self.message.error(error_text(exc))

    def open_folder(self) -> bool:
        target = self.outcome.folder if self.outcome else Path(self.folder.edit.text())
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _open_file(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole)))

    def done(self, result: int) -> None:
        if self._job is not None:
            self.cancel()  # closing while issuing: stop after the notice in hand
        super().done(result)
