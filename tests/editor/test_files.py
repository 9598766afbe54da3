"""Saving, the unsaved-changes guard, new forms, next year's copy, save as and rename."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from editor_helpers import editor, retype

from models import dumps_form, load_form
from tui.app import JixiaoApp
from tui.screens.dialogs import TextPrompt, UnsavedChanges
from tui.widgets.form_list import FormList


async def test_save_writes_what_the_screen_shows_and_reloads_equal(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        await retype(pilot, "#f-funds-current_year-executed", "30.20")
        await pilot.press("ctrl+s")
        assert not screen.unsaved
        saved = load_form(training)
        assert saved.funds.current_year.executed == Decimal("30.20")
        assert saved.figures is not None and saved.figures.total == Decimal("96.00")
        assert dumps_form(saved) == dumps_form(screen.form)  # type: ignore[arg-type]
        assert training.read_text(encoding="utf-8") == dumps_form(saved)


async def test_quit_with_unsaved_changes_asks_and_cancel_keeps_editing(training: Path) -> None:
    before = training.read_bytes()
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "改过的名称")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("escape")  # 取消
        assert app.is_running and not isinstance(app.screen, UnsavedChanges)
        assert editor(app).form.project == "改过的名称"  # type: ignore[union-attr]
        await pilot.press("ctrl+q", "n")  # 不保存
        await pilot.pause()
    assert not app.is_running
    assert training.read_bytes() == before


async def test_quit_and_save(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "改过的名称")
        await pilot.press("ctrl+q", "s")  # 保存
        await pilot.pause()
    assert not app.is_running
    assert load_form(training).project == "改过的名称"


async def test_switching_forms_with_unsaved_changes_asks_first(forms: Path, training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        await retype(pilot, "#f-project", "改过的名称")
        form_list = app.screen.query_one(FormList)
        other = next(p for p in form_list.paths if p != training)
        form_list.focus()
        form_list.highlighted = form_list.paths.index(other)
        await pilot.press("enter")
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("s")
        await pilot.pause()
        assert screen.path == other
        assert load_form(training).project == "改过的名称"


async def test_new_form_from_the_template(forms: Path) -> None:
    app = JixiaoApp(forms)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        screen.action_new_form()
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"测试项目", "enter")
        await pilot.pause()
        assert screen.path is not None and screen.path.parent == forms and screen.path.name.endswith("-测试项目.toml")
        form = load_form(screen.path)
        weights = sum((i.weight for i in form.indicators), Decimal(0)) + 10
        assert form.project == "测试项目" and weights == 100
        assert {i.level1 for i in form.indicators} == {"产出指标", "效益指标", "满意度指标"}
        assert screen.path in app.screen.query_one(FormList).paths


async def test_copy_for_next_year(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        screen.action_copy_next_year()
        await pilot.pause()
        assert screen.path == training.with_name("2025-基层治理骨干专项教育培训班经费.toml")
        copy = load_form(screen.path)
        assert copy.year == 2025 and copy.project == "基层治理骨干专项教育培训班经费"
        assert copy.funds.current_year.budget == Decimal("30.20")
        assert copy.funds.current_year.executed == Decimal("0.00")
        assert all(i.actual == "" and i.score is None and i.deviation_reason == "" for i in copy.indicators)
        assert [i.target for i in copy.indicators][0] == "≥232.00(课时)"
        assert training.exists()  # this year's form is untouched


async def test_save_as_and_rename(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        screen.action_save_as()
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input")
        prompt.value = "副本: 培训?"  # characters illegal on Windows are replaced
        await pilot.press("enter")
        await pilot.pause()
        copy = training.with_name("副本_ 培训_.toml")
        assert screen.path == copy and copy.exists() and training.exists()
        screen.action_rename()
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = "培训班"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.path == training.with_name("培训班.toml") and screen.path.exists() and not copy.exists()


async def test_refused_text_is_unsaved_work(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-funds-current_year-executed", "25.40x")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedChanges)


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
