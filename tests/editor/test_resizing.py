"""Issue 13 review: screens and dialogs stay whole when the terminal is small or changes size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from editor_helpers import retype, shown_lines
from rich.cells import cell_len
from textual.widgets import OptionList

from models import load_form, save_form
from tui.app import JixiaoApp
from tui.widgets.fields import FieldText
from tui.widgets.status import ProblemsPanel


async def test_goals_are_wrapped_again_when_the_terminal_shrinks(training: Path) -> None:
    """120×40 → 80×24: each goals box shows its text from the start, every line once (it showed a
    line of the old width — one line missing, one doubled — until the box had the focus)."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        for _ in range(3):
            await pilot.pause()
        for box in app.screen.query("#goals FieldText").results(FieldText):
            shown = "".join(line.strip() for line in shown_lines(box) if line.strip())
            assert shown and box.text.replace(" ", "").startswith(shown.replace(" ", "")), box.id


async def test_rule_set_picker_is_whole_at_80x24(training: Path) -> None:
    """The picker keeps its bottom border and its last line; the list scrolls to every rule set."""
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.editor_screen.action_choose_rule_set()
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        last_line = app.screen.query(".dialog-text").last()
        assert dialog.region.bottom <= 24
        assert dialog.content_region.contains_region(last_line.region)
        assert "↑↓ 选择" in str(last_line.render())
        choices = app.screen.query_one("#choices", OptionList)
        assert app.focused is choices, app.focused
        await pilot.press(*["down"] * (choices.option_count - 1))
        assert choices.highlighted == choices.option_count - 1
        highlighted = choices.region.intersection(dialog.content_region)
        assert highlighted.height == choices.region.height  # the list itself is whole, and scrolls


async def test_problems_panel_lines_up_with_the_panes_and_shrinks_when_empty(training: Path) -> None:
    """Its right edge is the panes' (it was one column wider), no problems take one line (not a
    box of 3), and on an 80×24 screen full of problems the goals still show whole after F4."""
    for size in ((80, 24), (120, 40)):
        copy = training.with_name(f"{size[0]}x{size[1]}.toml")  # a form of its own: no recovery question
        shutil.copy2(training, copy)
        app = JixiaoApp(copy)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.editor_screen
            panel = screen.query_one(ProblemsPanel)
            assert not screen.problems and panel.region.height == 1, size
            for field in ("initial_budget", "budget", "executed"):
                await retype(pilot, f"#f-funds-current_year-{field}", "abc")
            await retype(pilot, "#f-year", "")
            assert len(screen.problems) >= 4
            await pilot.pause()
            assert panel.region.height > 3
            assert panel.region.right == screen.query_one("#header").region.right, size
            await pilot.press("f4")
            await pilot.pause()
            goals = screen.query_one("#goals").region
            assert screen.query_one("#form").region.contains_region(goals), size
            assert not goals.overlaps(panel.region)


async def test_the_row_editors_title_is_one_line_with_an_ellipsis_at_every_row(training: Path) -> None:
    """The first row's long title was cut mid-word and a later row's wrapped onto two lines: now
    both are one line ending in … (the name field below holds the whole name)."""
    form = load_form(training)
    for index, indicator in enumerate(form.indicators[:2]):
        indicator.name = f"第{index + 1}项：全区各街道、镇居村委会主任和居务监督委员会主任培训完成情况统计"
    save_form(form, training)
    app = JixiaoApp(training)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.editor_screen.query_one("#row-title")
        await pilot.press("f5")
        for _ in range(2):
            await pilot.pause()
            assert title.region.height == 1
            (line,) = shown_lines(title)
            assert line.endswith("…") and cell_len(line) <= title.region.width
            await pilot.press("down")


@pytest.mark.parametrize(("keys", "focused_id"), [
    (("f5",), "indicator-table"),
    # 分值 in the row editor: on a narrow screen its grid puts it two lines lower (by offset)
    (("f5", "down", "down", "down", "right", "right", "right", "right", "right", "f2"), "row-weight"),
])
async def test_the_focused_widget_stays_in_sight_when_the_terminal_shrinks(
    training: Path, keys: tuple[str, ...], focused_id: str,
) -> None:
    """120×40 → 80×24: the form scrolled back to its top, and the focused table or field, still
    taking the keys, was below the screen (fresh-clone reviews)."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        focused = app.focused
        assert focused is not None and focused.id == focused_id
        await pilot.resize_terminal(80, 24)
        for _ in range(5):
            await pilot.pause()
        form = app.screen.query_one("#form")
        assert app.focused is focused and focused.region.y < form.region.bottom and focused.region in app.screen.region
