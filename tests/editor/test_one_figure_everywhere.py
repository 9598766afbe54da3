"""The open form's figures read the same in the score bar, its entry in the form list and the F9
summary: a figure that cannot be known is 无法核对 in all three, never 0.00 or an old 70.00 in one."""

from __future__ import annotations

from pathlib import Path

from editor_helpers import editor
from test_exchange_in_editor import finish, open_summary

from models.summary import NOT_CHECKABLE
from tui.app import JixiaoApp
from tui.widgets.form_list import FormList
from tui.widgets.indicators import IndicatorTable
from tui.widgets.status import ScoreBar

PARTY = "2024-“两新”组织党建工作经费.toml"
ACTUAL = 4


async def test_an_unscorable_indicator_reads_the_same_in_bar_list_and_summary(forms: Path) -> None:
    path = forms / PARTY
    app = JixiaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await finish(pilot)
        await pilot.press("f5")
        app.screen.query_one(IndicatorTable).move_cursor(1, ACTUAL)
        await pilot.press("delete")  # 实际完成值 blank: that indicator cannot be scored
        await finish(pilot)
        screen = editor(app)
        assert "total" in screen.view.unknown  # type: ignore[union-attr]
        bar = str(app.screen.query_one(ScoreBar).render())
        assert f"总分 {NOT_CHECKABLE}" in bar
        screen._each_second()  # the list takes the open form's figures once a second
        listed = app.screen.query_one(FormList).summaries[path]
        assert (listed.total, listed.grade) == (NOT_CHECKABLE, "—")
        summary = await open_summary(pilot)
        row = summary.summary.paths.index(str(path))
        cells = [cell.text for cell in summary.summary.rows[row]]
        assert cells[7:9] == [NOT_CHECKABLE, "—"], cells  # 总分, 评分等级


async def test_an_amount_typed_as_text_reads_the_same_in_funds_block_and_summary(forms: Path) -> None:
    """全年执行数 typed as 十万: the funds block shows —, and F9 shows no amount nor sum for it
    (it showed the last valid amount and added it into 合计)."""
    path = forms / PARTY
    app = JixiaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await finish(pilot)
        editor(app).query_one("#f-funds-current_year-executed").focus()  # type: ignore[union-attr]
        await pilot.pause()
        await pilot.press("ctrl+u", *"十万")
        await finish(pilot)
        view = editor(app).view
        assert view is not None and view.execution[1:] == ("—", "—")
        summary = await open_summary(pilot)
        row = summary.summary.paths.index(str(path))
        assert [cell.text for cell in summary.summary.rows[row]][2:5] == [NOT_CHECKABLE] * 3  # 全年预算数, 执行数, 执行率
        assert [cell.text for cell in summary.summary.total][2:5] == [NOT_CHECKABLE] * 3
