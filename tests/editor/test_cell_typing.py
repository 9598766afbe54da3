"""Typing on the indicator table as a clerk does: every key kept, Enter back to the table, undo and
Ctrl+O from the table (issue 13's second review)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from editor_helpers import burst, editor

from tui.app import JixiaoApp
from tui.screens.dialogs import ChoiceDialog
from tui.widgets.indicators import IndicatorTable

NAME, ACTUAL, WEIGHT, SCORE = 2, 4, 5, 6  # columns of the table


async def _on_cell(pilot, column: int, row: int = 0) -> IndicatorTable:  # type: ignore[no-untyped-def]
    await pilot.press("f5")
    table = pilot.app.screen.query_one(IndicatorTable)
    table.move_cursor(row, column)
    await pilot.pause()
    return table


async def test_a_word_from_an_input_method_is_kept_whole(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _on_cell(pilot, NAME)
        await burst(pilot, *"核定项目总数")
        assert editor(app).form.indicators[0].name == "核定项目总数"  # type: ignore[union-attr]


async def test_digits_typed_at_once_on_a_cell_are_all_kept(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        await _on_cell(pilot, ACTUAL)
        await burst(pilot, "4", "5", "6")
        assert editor(app).form.indicators[0].actual == "456"  # type: ignore[union-attr]


async def test_a_number_typed_key_by_key_on_a_cell_keeps_its_first_digit(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _on_cell(pilot, WEIGHT)
        await pilot.press("2", "5", "7")  # pilot.press lets the focus arrive between the keys
        assert editor(app).form.indicators[0].weight == Decimal("257.00")  # type: ignore[union-attr]
        await _on_cell(pilot, SCORE, row=1)
        await burst(pilot, "2", "0")
        assert editor(app).form.indicators[1].score == Decimal("20.00")  # type: ignore[union-attr]


async def test_a_word_and_enter_sent_together_keep_the_word_and_move_down(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await _on_cell(pilot, NAME)
        await burst(pilot, *"核定项目总数", "enter")  # an input method's word, then Enter at once
        form = editor(app).form
        assert form is not None and form.indicators[0].name == "核定项目总数"
        assert table.cursor_row == 1 and form.indicators[1].name != "核定项目总数"
        table = await _on_cell(pilot, WEIGHT, row=2)
        await burst(pilot, "2", "5", "7", "enter")
        assert editor(app).form.indicators[2].weight == Decimal("257.00")  # type: ignore[union-attr]


async def test_enter_in_the_cell_editor_commits_and_moves_down_the_table(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        form = editor(app).form
        assert form is not None
        second = form.indicators[1].name
        table = await _on_cell(pilot, NAME)
        await pilot.press("enter", *"时数", "enter")
        assert app.focused is table and table.cursor_row == 1  # back on the table, one row down
        await pilot.press("down", "X")
        await pilot.pause()
        assert editor(app).form.indicators[0].name == "时数"  # type: ignore[union-attr]
        assert editor(app).form.indicators[1].name == second  # type: ignore[union-attr]
        assert editor(app).form.indicators[2].name == "X"  # type: ignore[union-attr]


async def test_undo_in_the_table_keeps_the_cursor_on_the_table(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _on_cell(pilot, ACTUAL)
        before = len(editor(app).form.indicators)  # type: ignore[union-attr]
        actual = editor(app).form.indicators[0].actual  # type: ignore[union-attr]
        await pilot.press("delete", "ctrl+z")
        assert editor(app).form.indicators[0].actual == actual  # type: ignore[union-attr]
        assert app.focused is table and (table.cursor_row, table.cursor_column) == (0, ACTUAL)
        await pilot.press("ctrl+d")  # removes the indicator, not the text of a field below
        assert len(editor(app).form.indicators) == before - 1  # type: ignore[union-attr]


async def test_ctrl_o_on_a_table_cell_opens_that_fields_list(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5", "ctrl+home", "ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert "一级指标" in dialog.title_text


async def test_keys_typed_at_once_after_down_or_tab_go_to_the_next_field(training: Path) -> None:
    """Down in 项目资金 and Tab move the focus before the keys typed after them are delivered."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        form = editor(app).form
        assert form is not None
        budget, year = form.funds.current_year.budget, form.year
        await pilot.press("f3", "tab")  # 全年预算数 of 当年财政拨款
        assert app.focused is not None and app.focused.id == "f-funds-current_year-budget"
        await burst(pilot, "down", "2", "5")
        assert editor(app).form.funds.current_year.budget == budget  # type: ignore[union-attr]
        assert editor(app).form.funds.carried_over.budget == Decimal("25.00")  # type: ignore[union-attr]
        await pilot.press("f2")
        await burst(pilot, "tab", "X")
        assert editor(app).form.year == year  # type: ignore[union-attr]
        assert editor(app).form.project.endswith("X")  # type: ignore[union-attr]


async def test_delete_on_a_weight_leaves_it_blank_and_asks_for_it(training: Path) -> None:
    """As the README says: Delete clears the cell; a blank 分值 is an error to fill in, never 0.00."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await _on_cell(pilot, WEIGHT, row=1)
        await pilot.press("delete")
        await pilot.pause()
        assert str(table.get_cell_at(1, WEIGHT)) == "（空白）"
        assert ("E111", "indicators[1].weight") in [(p.code, p.where) for p in editor(app).problems]
        assert app.screen.query_one("#row-weight").value == ""  # type: ignore[attr-defined]
        await pilot.press("2", "0")
        await pilot.pause()
        assert editor(app).form.indicators[1].weight == Decimal("20.00")  # type: ignore[union-attr]
        assert str(table.get_cell_at(1, WEIGHT)) == "20.00"
        assert "indicators[1].weight" not in [p.where for p in editor(app).problems]


async def test_keys_typed_right_after_f5_reach_the_table(training: Path) -> None:
    """F5 moves the focus when it arrives: keys sent with it do not land in the field being left."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        year = editor(app).form.year  # type: ignore[union-attr]
        await burst(pilot, "f5", "down", "right", "right", "X")
        table = app.screen.query_one(IndicatorTable)
        assert (table.cursor_row, table.cursor_column) == (1, NAME)
        assert editor(app).form.year == year  # type: ignore[union-attr]
        assert editor(app).form.indicators[1].name == "X"  # type: ignore[union-attr]


async def test_text_pasted_on_a_cell_or_a_field_is_kept_whole(training: Path) -> None:
    """A terminal's bracketed paste: on a cell (not being edited) it was dropped; in a one-line field
    Textual's Input kept only the first line. Now the lines are joined by a space, nothing lost."""
    from textual import events

    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await _on_cell(pilot, NAME)
        table.post_message(events.Paste("第一行\n第二行≥"))
        await pilot.pause()
        await pilot.pause()
        assert editor(app).form.indicators[0].name == "第一行 第二行≥"  # type: ignore[union-attr]
        field = app.focused
        assert field is not None and field is not table
        field.post_message(events.Paste("甲\r\n乙"))
        await pilot.pause()
        assert editor(app).form.indicators[0].name == "第一行 第二行≥甲 乙"  # type: ignore[union-attr]


async def test_lines_pasted_into_a_many_line_field_stay_lines(training: Path) -> None:
    from textual import events

    from tui.widgets.fields import FieldText

    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        goals = next(f for f in app.screen.query(FieldText) if f.where == "goals.expected")
        goals.focus()
        goals.move_cursor(goals.document.end)
        await pilot.pause()
        goals.post_message(events.Paste("\n第一行\n第二行"))
        await pilot.pause()
        assert editor(app).form.goals.expected.endswith("\n第一行\n第二行")  # type: ignore[union-attr]


async def test_keys_sent_with_enter_after_a_cell_edit_act_on_the_table(training: Path) -> None:
    """`11 Enter ↑ ← ← ← N1` in one burst on 分值: Enter commits 11 and gives the keys back to the table
    at once, so ↑ ← ← ← move there and N1 starts 三级指标 — they went into the 分值 field (N111)."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _on_cell(pilot, WEIGHT)
        await burst(pilot, "1", "1", "enter", "up", "left", "left", "left", "N", "1")
        await pilot.pause()
        form = editor(app).form
        assert form is not None
        assert (form.indicators[0].weight, form.indicators[0].name) == (Decimal("11.00"), "N1")


async def test_keys_sent_with_enter_in_the_cell_editor_act_on_the_table(training: Path) -> None:
    """The same burst when the cell editor already has the focus (the digits typed slowly)."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _on_cell(pilot, WEIGHT)
        await pilot.press("1", "1")
        assert app.focused is not None and app.focused.id == "row-weight"
        await burst(pilot, "enter", "up", "left", "left", "left", "N", "1")
        await pilot.pause()
        form = editor(app).form
        assert form is not None
        assert (form.indicators[0].weight, form.indicators[0].name) == (Decimal("11.00"), "N1")
