"""The indicator table: the evaluator's score against the suggestion, rows added, moved, deleted, undone."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from editor_helpers import editor, retype
from textual import events

from models import ScoreSource
from tui.app import JixiaoApp
from tui.widgets.indicators import IndicatorTable


async def test_evaluator_score_is_marked_and_can_return_to_the_suggestion(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        table = app.screen.query_one(IndicatorTable)
        assert str(table.get_cell_at(0, 6)) == "1.00✎"  # 课时数: the evaluator's 1.00
        assert str(table.get_cell_at(0, 7)) == "1.81"  # beside the rule's suggestion
        assert "评价人打分（建议 1.81" in str(app.screen.query_one("#score-note").render())
        app.screen.query_one("#row-score").focus()
        await pilot.press("ctrl+r")
        await pilot.pause()
        indicator = screen.form.indicators[0]  # type: ignore[union-attr]
        assert indicator.score_source is ScoreSource.SUGGESTED
        assert screen.figures.indicators[0].score == Decimal("1.81")  # type: ignore[union-attr]
        assert screen.figures.total == Decimal("95.22")  # type: ignore[union-attr]
        assert str(table.get_cell_at(0, 6)) == "1.81"
        await pilot.press("ctrl+z")
        assert screen.form.indicators[0].score == Decimal("1.00")  # type: ignore[union-attr]
        assert screen.figures.total == Decimal("94.41")  # type: ignore[union-attr]


async def test_typing_a_score_makes_it_the_evaluators(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        table = app.screen.query_one(IndicatorTable)
        table.focus()
        await pilot.press("down")  # 培训内容的覆盖面, 分值 25, suggestion 25.00
        await pilot.pause()
        await retype(pilot, "#row-score", "20")
        indicator = screen.form.indicators[1]  # type: ignore[union-attr]
        assert (indicator.score, indicator.score_source) == (Decimal("20.00"), ScoreSource.EVALUATOR)
        assert str(table.get_cell_at(1, 6)) == "20.00✎"
        # Below 分值 with no 偏差原因 is an error, shown on the row's reason.
        assert ("E107", "indicators[1].deviation_reason") in [(p.code, p.where) for p in screen.problems]
        await retype(pilot, "#row-score", "")  # emptied: back to the suggestion
        assert screen.form.indicators[1].score_source is ScoreSource.SUGGESTED  # type: ignore[union-attr]


async def test_add_move_delete_and_undo_rows(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        form = screen.form
        assert form is not None
        names = [i.name for i in form.indicators]
        await pilot.press("f5")
        assert isinstance(app.focused, IndicatorTable)
        await pilot.press("insert")
        assert len(screen.form.indicators) == 5  # type: ignore[union-attr]
        assert screen.form.indicators[1].name == ""  # type: ignore[union-attr]
        assert app.screen.query_one(IndicatorTable).row_count == 5
        await pilot.press("ctrl+z")
        assert [i.name for i in screen.form.indicators] == names  # type: ignore[union-attr]
        assert app.screen.query_one(IndicatorTable).cursor_row == 1  # where the undone change was
        await pilot.press("up", "ctrl+down")  # move 课时数 below 培训内容的覆盖面
        assert [i.name for i in screen.form.indicators][:2] == [names[1], names[0]]  # type: ignore[union-attr]
        await pilot.press("ctrl+d")
        assert len(screen.form.indicators) == 3  # type: ignore[union-attr]
        assert names[0] not in [i.name for i in screen.form.indicators]  # type: ignore[union-attr]
        await pilot.press("ctrl+z", "ctrl+z")
        assert [i.name for i in screen.form.indicators] == names  # type: ignore[union-attr]
        await pilot.press("ctrl+y")
        assert [i.name for i in screen.form.indicators][:2] == [names[1], names[0]]  # type: ignore[union-attr]


async def test_enter_edits_the_cell_and_escape_returns(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "right", "right", "enter")  # the 三级指标 column
        assert app.focused is app.screen.query_one("#row-name")
        await pilot.press("end", "x")
        assert editor(app).form.indicators[0].name == "课时数x"  # type: ignore[union-attr]
        assert str(app.screen.query_one(IndicatorTable).get_cell_at(0, 2)) == "课时数x"
        await pilot.press("escape")
        assert isinstance(app.focused, IndicatorTable)


async def test_undo_of_typing_is_one_step_per_field(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        field = await retype(pilot, "#f-project", "新项目")
        assert screen.form.project == "新项目"  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        assert screen.form.project == "基层治理骨干专项教育培训班经费"  # type: ignore[union-attr]
        assert field.value == "基层治理骨干专项教育培训班经费"
        assert not screen.unsaved
        await pilot.press("ctrl+y")
        assert field.value == "新项目"


async def test_a_long_table_scrolls_with_its_cursor(forms: Path) -> None:
    from bench.corpus import big_form
    from models import save_form

    path = forms / "2024-两百项.toml"
    save_form(big_form(200), path)
    app = JixiaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(IndicatorTable)
        await pilot.press("f5", "ctrl+end")
        await pilot.pause()
        assert (table.cursor_row, table.cursor_column) == (199, 8) and table.scroll_offset.y > 0
        assert "第 200 条 / 共 200 条" in str(app.screen.query_one("#row-title").render())
        await pilot.press("pageup", "ctrl+home")
        assert (table.cursor_row, table.cursor_column) == (0, 0) and table.scroll_offset.y == 0
        name_starts = table.column_span(2)[0]
        await pilot.click(IndicatorTable, offset=(name_starts + 1, 3))  # the header is line 0: line 3 is the third row
        assert (table.cursor_row, table.cursor_column) == (2, 2)


async def _open_actual_cell(pilot: object, app: JixiaoApp, row: int) -> IndicatorTable:
    """The table focused with its cursor on 实际完成值 of `row`."""
    table = app.screen.query_one(IndicatorTable)
    table.focus()
    table.move_cursor(row, 4)
    await pilot.pause()  # type: ignore[attr-defined]
    return table


async def test_enter_on_a_cell_replaces_its_whole_value_never_mid_value(training: Path) -> None:
    """Issue 9 case 5: typing 5 into 84.00(课时) after Enter gave 84.050(课时)."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        await _open_actual_cell(pilot, app, 0)
        await pilot.press("enter", "left", "left", "left", "escape")  # the cursor left mid-value on this row
        await _open_actual_cell(pilot, app, 1)
        await pilot.press("enter", "5")
        await pilot.pause()
        assert screen.form.indicators[1].actual == "5"  # type: ignore[union-attr]


@pytest.mark.parametrize(("keys", "expected"), [
    (("9", "0"), lambda before: "90"),  # a character typed on a cell starts its new value
    (("f2", "0"), lambda before: before + "0"),  # F2 edits at the end of the value
])
async def test_typing_or_f2_on_a_cell_never_lands_mid_value(
    training: Path, keys: tuple[str, ...], expected: Callable[[str], str],
) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        before = screen.form.indicators[0].actual  # type: ignore[union-attr]
        await _open_actual_cell(pilot, app, 0)
        await pilot.press(*keys)
        await pilot.pause()
        assert screen.form.indicators[0].actual == expected(before)  # type: ignore[union-attr]


async def test_enter_on_an_empty_table_starts_the_first_indicator(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "ctrl+d", "ctrl+d", "ctrl+d", "ctrl+d")
        assert app.screen.query_one(IndicatorTable).row_count == 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and len(editor(app).form.indicators) == 1  # type: ignore[union-attr]


async def test_keys_typed_without_pauses_go_into_the_row_under_the_cursor(training: Path) -> None:
    """Down then a character at once: the edit is for the new row, though the row editor's own
    follow-up (a message) has not run yet — the address comes from the table's cursor."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = editor(app)
        await pilot.press("f5", "right", "right", "right", "right", "8", "escape")  # 实际完成值 (一级 and 二级 are two columns)
        table = app.screen.query_one(IndicatorTable)
        table.action_move(1, 0)  # Down, and `6` handled before the row editor's RowChanged message runs
        await table.on_key(events.Key("6", "6"))
        await pilot.press("7", "escape")
        indicators = screen.form.indicators  # type: ignore[union-attr]
        assert (indicators[0].actual, indicators[1].actual) == ("8", "67")
