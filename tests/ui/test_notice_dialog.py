"""督办 → 生成督办通知… (the single notice): issued on the window's runner into the notices folder every dialog
shares — the one the user chose last, in this dialog or in 批量督办 / 情况通报."""
from app.ops.notice_files import window_notices_dir
from app.ops.notices import list_register
from app.ui.print_dialog import notices_folder
from tests.ui.conftest import notice_dialog_for


def _notice_dialog(window):
    return notice_dialog_for(window, "呼和浩特市市场监督管理局")


def test_the_single_notice_goes_where_the_batch_dialog_was_last_told(qtbot, samples_window, tmp_path):
    window = samples_window
    chosen = tmp_path / "本次通知"
    window.batch_action.trigger()
    batch = window.batch_dialog
    batch.folder.edit.setText(str(chosen))
    assert batch.folder.folder() == chosen  # as 批量督办 reads it when it issues: remembered
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=60_000)  # its recipients looked up
    batch.close()

    dialog = _notice_dialog(window)
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as issued:
        assert dialog.issue() is None  # on the runner: the notice follows with `issued`
    path = issued.args[0].notices[0].path
    assert path.parent == chosen and path.is_file() and path.read_bytes()[:5] == b"%PDF-"
    assert not any(window_notices_dir().glob("*.pdf"))
    assert [e.number for e in list_register(window.store)] == [issued.args[0].notices[0].number]
    assert dialog.folder.edit.text() == str(chosen)  # the dialog says where it saves
    dialog.reject()


def test_a_folder_typed_in_the_single_notice_dialog_is_the_next_dialogs_folder(qtbot, samples_window, tmp_path):
    window = samples_window
    dialog = _notice_dialog(window)
    dialog.folder.edit.setText(str(tmp_path / "另存"))
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as issued:
        dialog.issue()
    assert issued.args[0].notices[0].path.parent == tmp_path / "另存" == notices_folder()
    dialog.reject()
    window.bulletin_action.trigger()
    assert window.bulletin_dialog.folder.edit.text() == str(tmp_path / "另存")
    window.bulletin_dialog.reject()


def test_the_notice_dialog_is_made_only_with_the_windows_runner(samples_window):
    """Numbering and writing never run on the interface thread: there is no dialog without the runner."""
    import pytest

    from app.ui.notice_dialog import NoticeDialog

    task_id = samples_window.model.task_id(0)
    with pytest.raises(TypeError):
        NoticeDialog(samples_window.store, [task_id], samples_window.today)
