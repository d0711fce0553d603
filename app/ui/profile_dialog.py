"""机关信息: the office profile's form (the settings dialog over the profile's rows, 本单位 a drop-down of the unit
directory), opened from the 工具 menu, and once on first use: after the first import, while the office is unnamed."""
from __future__ import annotations

from typing import Any

from app.domain.profile import PROFILE_KEYS
from app.domain.settings import setting
from app.ui.runner import LazyModule
from app.ui.settings_dialog import SettingsDialog

profile_ops = LazyModule("app.ops.profile")
settings_ops = LazyModule("app.ops.settings")
unit_ops = LazyModule("app.ops.units")

PROFILE_SPECS = tuple(setting(key) for key in PROFILE_KEYS.values())
FIRST_USE_INTRO = ("请填写本机关的信息：督办通知单、催办通知和情况通报按此印发文机关、红头和发文字号，"
                   "“本单位任务”按本单位列出。以后可在“工具 → 机关信息…”中修改。")


class ProfileDialog(SettingsDialog):
    def __init__(self, values: dict[str, Any], units: list[str], parent: Any = None, *, first_use: bool = False):
        super().__init__(values, parent, specs=PROFILE_SPECS, title="机关信息", choices={"own_unit": units},
                         intro=FIRST_USE_INTRO if first_use else "")
        self.resize(560, self.sizeHint().height())

    def profile_changes(self) -> dict[str, Any]:
        """The edited fields by their profile names (office, prefix, own_unit …)."""
        return profile_ops.profile_changes(self.changed_values())


def open_profile_dialog(window: Any, *, first_use: bool = False) -> ProfileDialog:
    """Open the form on the window's database; OK saves the changes as one undoable step."""
    store = window.store
    units = sorted(u.name for u in unit_ops.list_units(store) if not u.is_group)
    dialog = ProfileDialog(settings_ops.get_settings(store), units, window, first_use=first_use)
    dialog.accepted.connect(lambda: window.push_replace(
        "修改机关信息", lambda values: profile_ops.set_profile(window.store, **values), dialog.profile_changes()))
    dialog.open()
    window.profile_dialog = dialog
    return dialog


def ask_profile_once(window: Any) -> bool:
    """On first use (the office unnamed, never asked): open the form once; True if it was opened."""
    if window.store is None or not profile_ops.should_ask_profile(window.store):
        return False
    profile_ops.mark_profile_asked(window.store)
    open_profile_dialog(window, first_use=True)
    return True
