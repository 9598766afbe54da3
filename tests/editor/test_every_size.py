"""Issue 13: the editor whole at 80×24 as at 120×40, a table that reads like the paper form, and
the keys of a spreadsheet (Delete clears a cell, Ctrl+D removes an indicator, Home/End …)."""

from __future__ import annotations

import shutil
from pathlib import Path

from editor_helpers import editor, funds_cells, retype
from rich.cells import cell_len
from textual.widgets import Label

from tui.app import JixiaoApp
from tui.widgets.fields import FieldInput
from tui.widgets.indicators import IndicatorTable
from tui.widgets.status import ScoreBar

REGIONS = Path(__file__).resolve().parents[1] / "fixtures" / "regions"
SMALL = (80, 24)


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


def _text(app: JixiaoApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def test_the_table_shows_each_level_in_full_once_per_group(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        first_two = [[str(table.get_cell_at(row, column)) for column in range(3)] for row in range(4)]
        assert first_two == [
            ["产出指标", "数量指标", "课时数"],
            ["", "质量指标", "培训内容的覆盖面"],  # 产出指标 again: shown once, like a merged cell
            ["", "时效指标", "社工培训及时性"],
            ["效益指标", "社会效益指标", "参训人员综合能力"],  # the full name, not 效益/社会 …
        ]
        assert table.columns[1][2] >= cell_len("社会效益指标")  # the column is as wide as the name


async def test_the_current_cells_whole_text_is_under_the_table(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        await pilot.press("f5", "down", "right")
        await pilot.pause()
        assert _text(app, "#cell-text") == "二级指标：质量指标"
        await pilot.press("end")
        await pilot.pause()
        reason = editor(app).form.indicators[1].deviation_reason.strip()  # type: ignore[union-attr]
        assert _text(app, "#cell-text") == f"原因：{reason or '（空白）'}"


async def test_a_narrow_table_scrolls_sideways_to_the_cursor(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        assert table.virtual_size.width > table.size.width  # the columns do not all fit at 80 columns
        await pilot.press("f5", "end")
        await pilot.pause()
        start, end = table.column_span(table.cursor_column)
        left = table.scroll_offset.x
        assert table.cursor_column == len(table.columns) - 1 and left <= start and end <= left + table.size.width
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_column == 0 and table.scroll_offset.x == 0


async def test_home_end_and_ctrl_home_end_and_pages(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        table = app.screen.query_one(IndicatorTable)
        await pilot.press("f5", "down", "right", "end")
        assert (table.cursor_row, table.cursor_column) == (1, len(table.columns) - 1)
        await pilot.press("home")
        assert (table.cursor_row, table.cursor_column) == (1, 0)
        await pilot.press("ctrl+end")
        assert (table.cursor_row, table.cursor_column) == (3, len(table.columns) - 1)
        await pilot.press("ctrl+home")
        assert (table.cursor_row, table.cursor_column) == (0, 0)
        await pilot.press("pagedown")
        assert table.cursor_row == 3  # the four rows are one screen


async def test_delete_clears_the_cell_and_ctrl_d_removes_the_indicator(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        screen = editor(app)
        await pilot.press("f5", "right", "right", "delete")  # 三级指标 of 课时数
        await pilot.pause()
        assert len(screen.form.indicators) == 4 and screen.form.indicators[0].name == ""  # type: ignore[union-attr]
        assert app.screen.query_one("#row-name", FieldInput).value == ""
        await pilot.press("ctrl+z")
        assert screen.form.indicators[0].name == "课时数"  # type: ignore[union-attr]
        await pilot.press("f5", "ctrl+d")  # (undo showed the restored field in the row editor)
        await pilot.pause()
        assert [i.name for i in screen.form.indicators][0] == "培训内容的覆盖面"  # type: ignore[union-attr]
        assert any("Ctrl+Z" in str(n.message) and "课时数" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+z")
        assert screen.form.indicators[0].name == "课时数"  # type: ignore[union-attr]


async def test_the_score_bar_is_one_line_at_80_columns(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=SMALL) as pilot:
        await retype(pilot, "#f-project", "改")  # unsaved: the widest bar
        await _settle(pilot)
        bar = app.screen.query_one(ScoreBar)
        text = bar.render()
        assert bar.size.height == 1 and cell_len(str(text)) <= 80
        assert "总分 94.41" in str(text) and " 优 " in str(text) and "未保存" in str(text)


async def test_a_long_amount_is_never_cut(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        field = await retype(pilot, "#f-funds-current_year-budget", "123456789.12")
        app.screen.query_one("#f-year").focus()  # the field shows its start when it is left
        await _settle(pilot)
        assert field.content_region.width >= len("123456789.12")
        assert funds_cells(app)[-1][2] == "123456789.12"  # 年度资金总额 · 全年预算数, drawn whole


async def test_a_long_rate_is_never_cut(training: Path) -> None:
    """全年执行数 typed in 元 into a 万元 form: the rate is absurd, but it is shown whole, not as 47649572."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        await retype(pilot, "#f-funds-current_year-executed", "14390000")
        await _settle(pilot)
        cells = funds_cells(app)
        figures = editor(app).figures
        assert figures is not None and figures.execution_rate is not None
        assert cells[-1][5] == f"{figures.execution_rate}"  # 年度资金总额 · 执行率%
        assert cells[1][5] == cells[-1][5]  # 当年财政拨款 · 执行率%: the only row with a budget
        assert len(cells[-1][5]) > 8  # longer than the column's least width


async def test_a_blank_fund_row_has_no_rate(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert funds_cells(app)[3][5] == "0.00"  # 其他资金 · 执行率%: 0.00 amounts, a real zero
        for column in ("initial_budget", "budget", "executed"):
            await retype(pilot, f"#f-funds-other-{column}", "")
        await _settle(pilot)
        assert funds_cells(app)[3][5] == "—"


async def test_sichuan_labels_are_whole_at_80_and_120_columns(forms: Path) -> None:
    shutil.copy2(REGIONS / "sichuan-2023.toml", forms)
    for size in (SMALL, (120, 40)):
        app = JixiaoApp(forms / "sichuan-2023.toml")
        async with app.run_test(size=size) as pilot:
            await _settle(pilot)
            cells = funds_cells(app)  # each cell cut at its column's edge, as drawn
            assert [line[0] for line in cells[1:]] == ["财政资金", "财政专户管理资金", "单位资金", "其他资金", "年度资金总额"], size
            assert cells[0][1:] == ["年初预算数", "调整后预算数", "执行数", "分值", "执行率%", "得分"], size


async def test_f7_on_a_narrow_screen_shows_the_list_instead_of_a_squeezed_form(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        await pilot.press("f7")
        await _settle(pilot)
        assert app.screen.query_one("#forms").outer_size.width == 80 and not app.screen.query_one("#main").display
        await pilot.press("f7")
        await _settle(pilot)
        assert app.screen.query_one("#main").display and app.screen.query_one("#funds").outer_size.width >= 77
