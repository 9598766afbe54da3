"""Attacks that lost work in the editor (issue 9): each test reproduces one, through the keys a user presses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from editor_helpers import editor, hold_lock, retype, write_text_in_amount
from textual import events

from models import load_form
from models.backups import list_backups
from models.locking import lock_path
from models.recovery import recovery_path
from tui.app import JixiaoApp
from tui.screens.dialogs import Question, TextPrompt
from tui.widgets.fields import FieldInput

EXECUTED = "#f-funds-current_year-executed"


def _messages(app: JixiaoApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


def _leave_recovery(form: Path, project: str) -> bytes:
    """The recovery copy another editor (or a crash) left: the form with another project name."""
    path = recovery_path(form)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(form.read_text(encoding="utf-8").replace(load_form(form).project, project), encoding="utf-8")
    return path.read_bytes()


async def test_case_1_a_read_only_viewer_leaves_the_editors_recovery_copy(training: Path, other_process: int) -> None:
    copy = _leave_recovery(training, "那边没保存的修改")
    hold_lock(training, other_process, "甲")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")  # 只读打开
        await pilot.pause(1.5)  # the recovery writer runs every second
        editor(app).action_rename()
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)  # a viewer is not asked for a new name
    assert recovery_path(training).read_bytes() == copy
    assert json.loads(lock_path(training).read_text(encoding="utf-8"))["pid"] == other_process


async def test_case_2_the_recovery_copy_waits_for_the_answer(training: Path) -> None:
    _leave_recovery(training, "崩溃前的修改")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.5)
        assert isinstance(app.screen, Question) and "未保存的修改" in str(app.screen.query_one(".dialog-title").render())
        assert recovery_path(training).exists()  # a second crash now must not lose it
        await pilot.press("r")  # 恢复
        await pilot.pause(1.3)
        assert recovery_path(training).exists() and editor(app).form.project == "崩溃前的修改"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert not recovery_path(training).exists() and load_form(training).project == "崩溃前的修改"


async def test_case_3_save_as_to_a_name_open_elsewhere_keeps_the_work(training: Path, other_process: int) -> None:
    taken = training.with_name("别人正在编辑.toml")
    taken.write_bytes(training.read_bytes())
    hold_lock(taken, other_process, "乙")
    taken.unlink()  # the other editor's form was just renamed away; its lock is still there
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "没保存的名称")
        editor(app).action_save_as()
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = "别人正在编辑"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause(1.3)
        assert isinstance(app.screen, TextPrompt)  # still open, to choose another name
        assert "正被" in str(app.screen.query_one("#prompt-error").render())
        assert editor(app).form.project == "没保存的名称" and editor(app).path == training  # type: ignore[union-attr]
        assert "没保存的名称" in recovery_path(training).read_text(encoding="utf-8")
    assert not taken.exists()


async def test_case_3_an_unforeseen_error_writes_the_recovery_copy_first(training: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = JixiaoApp(training)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("意外")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            await retype(pilot, "#f-project", "崩溃前输入的")
            await pilot.pause(1.3)
            recovery_path(training).unlink()  # as if the error came before the writer's next second
            monkeypatch.setattr(type(editor(app)), "action_save", broken)
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert "崩溃前输入的" in recovery_path(training).read_text(encoding="utf-8")
    assert app.return_code == 1


@pytest.mark.parametrize("vanish", ["folder", "file"])
async def test_case_4_a_vanished_folder_or_file_is_said_and_never_recreated(training: Path, tmp_path: Path, vanish: str) -> None:
    folder = training.parent
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, EXECUTED, "30.20")
        if vanish == "folder":
            folder.rename(folder.with_name("改过名的文件夹"))
        else:
            training.unlink()
        await pilot.pause(1.3)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Question)
        text = str(app.screen.query_one(".dialog-text").render())
        assert "删除" in text and "修改过" not in text
        assert folder.exists() is (vanish == "file") and not training.exists()
        await pilot.press("a")  # 另存为, to a place of the user's choice
        await pilot.pause()
        target = tmp_path / "别处.toml"
        app.screen.query_one("#prompt-input").value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert editor(app).path == target
    assert str(load_form(target).funds.current_year.executed) == "30.20"
    assert folder.exists() is (vanish == "file") and not training.exists()


async def test_case_7_a_name_the_editor_accepts_can_be_saved(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        editor(app).action_rename()
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = "长" * 300  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        await retype(pilot, "#f-project", "改名后保存")
        await pilot.press("ctrl+s")
        await pilot.pause()
        path = editor(app).path
        assert path is not None and path != training and "太长" not in _messages(app)
    assert load_form(path).project == "改名后保存"


async def test_case_13_a_live_editor_on_this_machine_is_not_offered_for_take_over(training: Path, other_process: int) -> None:
    hold_lock(training, other_process, "丙")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Question)
        labels = " ".join(str(button.label) for button in app.screen.query("Button"))  # type: ignore[attr-defined]
        assert "接管" not in labels and "只读" in labels
        await pilot.press("t")
        await pilot.pause()
    assert json.loads(lock_path(training).read_text(encoding="utf-8"))["pid"] == other_process


async def test_case_13_the_hand_edited_original_outlives_later_saves(training: Path) -> None:
    training.write_text("# 王会计的批注\n" + training.read_text(encoding="utf-8"), encoding="utf-8")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "第 0 次")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")  # 将按标准格式保存：保存
        await pilot.pause()
        for number in range(1, 7):
            await retype(pilot, "#f-project", f"第 {number} 次")
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert any("王会计的批注" in backup.read_text(encoding="utf-8") for backup in list_backups(training))


async def test_case_14_text_in_a_money_field_opens_marked_where_it_is(training: Path) -> None:
    write_text_in_amount(training)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.form is not None
        field = app.screen.query_one(EXECUTED)
        assert field.value == "25,4万" and field.has_class("-problem-error")  # type: ignore[attr-defined]
        await retype(pilot, EXECUTED, "25.40")
        assert not field.has_class("-problem-error")


async def test_reloading_a_file_changed_on_disk_drops_this_editors_recovery_copy(training: Path) -> None:
    """重新载入 drops the edits by the user's choice: their copy must not come back as crash recovery."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "将被放弃的修改")
        assert editor(app).session.keep_recovery() is None  # type: ignore[union-attr]
        assert recovery_path(training).exists()
        training.write_text(training.read_text(encoding="utf-8") + "\n# 别人加的注释\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Question)
        await pilot.press("l")
        await pilot.pause()
        assert not recovery_path(training).exists()
        assert editor(app).session.recovery_offer is None  # type: ignore[union-attr]


def _burst(app: JixiaoApp, *keys: str) -> None:
    """Keys as a terminal delivers a fast typist's (or a loaded machine's) input: all queued at once."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else {"ctrl+u": "\x15", "backspace": "\x7f"}[key]))


async def test_ctrl_u_then_typing_at_once_keeps_what_was_typed_in_a_file_marked_field(training: Path) -> None:
    """Textual ran Ctrl+U only after the key had bubbled to the app: the characters typed right
    after it were inserted first and then deleted with the rest (Textualize/textual#6605)."""
    write_text_in_amount(training)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.screen.query_one(EXECUTED, FieldInput)
        field.focus()
        await pilot.press("end")
        _burst(app, "ctrl+u", "3", "0")
        await pilot.pause()
        assert field.value == "30" and editor(app).session.text("funds.current_year.executed") == "30.00"  # type: ignore[union-attr]
        _burst(app, "1", "2", "backspace", "5")
        await pilot.pause()
        assert field.value == "3015"


async def test_characters_typed_fast_on_a_table_cell_all_reach_the_cell(training: Path) -> None:
    """The first character opens the cell for editing; the next ones came to the table before the
    focus moved and each started the value again: "xyz" became "z"."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5", "right", "right")
        _burst(app, "x", "y", "z")
        await pilot.pause()
        assert editor(app).form.indicators[0].name == "xyz"  # type: ignore[union-attr]
        assert app.screen.query_one("#row-name", FieldInput).value == "xyz"
        await pilot.press("escape", "down")
        _burst(app, "a", "b", "c", "backspace", "d")
        await pilot.pause()
        assert editor(app).form.indicators[1].name == "abd"  # type: ignore[union-attr]
