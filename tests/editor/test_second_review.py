"""Behaviour a second reviewer found missing: each test names what a user saw go wrong."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import editor, hold_lock, retype

from models import load_form
from models.backups import list_backups
from models.locking import lock_path
from tui.app import JixiaoApp
from tui.screens.dialogs import Question, UnsavedChanges
from tui.widgets.indicators import IndicatorTable


async def test_enter_on_an_empty_table_starts_the_first_indicator(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "delete", "delete", "delete", "delete")
        assert app.screen.query_one(IndicatorTable).row_count == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and len(editor(app).form.indicators) == 1  # type: ignore[union-attr]


async def test_saving_an_unchanged_form_keeps_the_backups(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "改名")
        await pilot.press("ctrl+s")
        await pilot.pause()
        backups = list_backups(training)
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s")
        await pilot.pause()
        assert list_backups(training) == backups and len(backups) == 1


async def test_a_read_only_viewer_cannot_rename(training: Path, other_process: int) -> None:
    hold_lock(training, other_process, "甲")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Question)
        await pilot.press("r")
        await pilot.pause()
        editor(app).action_rename()
        await pilot.pause()
        assert not isinstance(app.screen, Question) and training.exists()


async def test_a_lock_can_be_taken_over_on_purpose(training: Path) -> None:
    hold_lock(training, 1, "乙", host="另一台电脑")
    path = lock_path(training)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")  # 接管编辑
        await pilot.pause()
        screen = editor(app)
        assert screen.session is not None and not screen.session.read_only
    assert not path.exists()  # released on exit: it was ours


async def test_quitting_with_save_keeps_text_that_could_not_be_saved(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-funds-current_year-executed", "30.20xy")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running  # not saved and gone: the user is told to fix the field first
        assert app.screen.query_one("#f-funds-current_year-executed").value == "30.20xy"  # type: ignore[attr-defined]
    assert str(load_form(training).funds.current_year.executed) == "25.40"


async def test_the_palette_answers_in_chinese_when_nothing_matches(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"zzz")
        await pilot.pause(0.6)
        shown = " ".join(str(o.prompt) for o in app.screen.query_one("CommandList").options)  # type: ignore[attr-defined]
        assert "没有名为“zzz”的命令" in shown and "No matches" not in shown
