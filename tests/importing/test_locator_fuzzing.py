"""The locator on grids of random labels, numbers and text: never an exception; with no form found,
every text is reported."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.reading.grid import Cell, Grid
from exchange.reading.labels import FUND_COLUMNS, FUND_ROWS, HEADER_FIELDS, INDICATOR_COLUMNS
from exchange.reading.locator import locate_forms
from exchange.reading.to_form import to_form

WORDS = [*HEADER_FIELDS, *FUND_COLUMNS, *FUND_ROWS, *INDICATOR_COLUMNS, "预期目标", "实际完成情况", "年度总体目标",
         "总分", "评分等级", "财政项目支出绩效自评表", "（2024年度）", "项目绩效目标表", "单位：元", "-", "",
         "30.20", "215,457.60", "≥232.00(课时)", "达成指标", "优", "注：说明", "1e400", "99999999999999999999",
         "0.0000001", "=100%", "项目名称：示例", "\n", "年度：二〇二四"]


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    rows = []
    for r in range(draw(st.integers(0, 25))):
        row = []
        x = 0
        for c in range(draw(st.integers(0, 8))):
            width = draw(st.integers(1, 3))
            text = draw(st.sampled_from(WORDS) | st.text(max_size=6))
            formula = draw(st.none() | st.sampled_from(["100%", "A1+B1", ""]))
            row.append(Cell(text, x, x + width, f"S!{r}.{c}", "S", formula))
            x += width
        rows.append(row)
    return Grid("S", rows, wrapped=draw(st.booleans()))


@settings(max_examples=150, deadline=None)
@given(grids())
def test_random_grids_never_raise_and_nothing_is_dropped_when_no_form_is_found(grid):
    forms, outside = locate_forms(grid)
    for raw in forms:
        to_form(raw, None)
    texts = {cell.place for row in grid.rows for cell in row if cell.text.strip()}
    reported = {u.place for u in outside} | {u.place for raw in forms for u in raw.unplaced}
    if not forms:
        assert reported == texts
