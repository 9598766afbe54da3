"""Behaviour a first reviewer found missing: each test names what a user saw go wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from editor_helpers import editor, retype

from tui.app import JixiaoApp
from tui.screens.dialogs import UnsavedChanges
from tui.widgets.fields import FieldInput
from tui.widgets.indicators import IndicatorTable


async def test_editing_an_actual_value_never_reports_stale_figures(forms: Path) -> None:
    app = JixiaoApp(forms / "2024-社区干部实训基地工作经费.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        app.screen.query_one(IndicatorTable).focus()
        await retype(pilot, "#row-actual", "10")
        codes = {p.code for p in screen.problems}
        assert "E110" not in codes and "E107" in codes  # 10 of 12: a reason is needed, nothing is stale
        assert screen.figures is not None and screen.figures.indicators[0].score == Decimal("25.00")


async def test_refused_text_is_unsaved_work(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-funds-current_year-executed", "25.40x")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedChanges)


async def test_an_emptied_amount_counts_as_zero(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        await retype(pilot, "#f-funds-current_year-executed", "")
        assert screen.figures is not None and screen.figures.execution_rate == Decimal("0.00")
        assert not [p for p in screen.problems if p.code == "E111"]


async def test_full_width_digits_from_an_input_method(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        field = app.screen.query_one("#f-funds-current_year-executed", FieldInput)
        field.value = "３０．２０"  # an input method commits the whole text at once
        await pilot.pause()
        assert screen.form is not None and screen.form.funds.current_year.executed == Decimal("30.20")


async def test_typing_over_an_amount_replaces_it(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3", "tab", "tab")  # into 全年执行数: its 25.40 is selected
        await pilot.press(*"30.2")
        assert editor(app).form.funds.current_year.executed == Decimal("30.20")  # type: ignore[union-attr]


async def test_the_list_shows_each_forms_year(forms: Path, training: Path) -> None:
    (forms / "sub").mkdir()
    (forms / "sub" / "elsewhere.toml").write_text(training.read_text(encoding="utf-8"), encoding="utf-8")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        form_list = app.screen.query_one("#forms")
        assert len(form_list.paths) == 6  # type: ignore[attr-defined]  # subfolders are other folders
        prompt = str(form_list.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert "2024" in prompt
