"""The editor shows the fund rows of the form's layout, blank cells as blank, figures in the rule
set's format, and offers to convert the amounts when 金额单位 changes (issue 10, items 8–10)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from editor_helpers import editor, funds_cells, retype
from textual.widgets import OptionList

from tui.app import JixiaoApp
from tui.widgets.fields import FieldInput
from tui.widgets.status import ScoreBar

REGIONS = Path(__file__).resolve().parents[1] / "fixtures" / "regions"


@pytest.fixture
def regions(forms: Path) -> Path:
    for name in ("sichuan-2023.toml", "hebei-langfang-2019.toml"):
        shutil.copy2(REGIONS / name, forms)
    return forms


async def _settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()


async def test_sichuan_form_shows_its_four_rows_and_blank_cells(regions: Path) -> None:
    app = JixiaoApp(regions / "sichuan-2023.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        cells = funds_cells(app)
        assert [line[0] for line in cells[1:]] == ["财政资金", "财政专户管理资金", "单位资金", "其他资金", "年度资金总额"]
        assert cells[0][1:4] == ["年初预算数", "调整后预算数", "执行数"]
        assert app.screen.query_one("#f-funds-fiscal-executed", FieldInput).value == "112.35"
        assert app.screen.query_one("#f-funds-special_account-budget", FieldInput).value == ""  # blank
        assert app.screen.query_one("#f-funds-unit-budget", FieldInput).value == "10.00"
        assert funds_cells(app)[-1][5] == "92.58"
        # typing into a Sichuan row drives the figures like any other
        await retype(pilot, "#f-funds-unit-executed", "10.00")
        assert editor(app).figures is not None and editor(app).figures.execution_rate == Decimal("94.12")


async def test_switching_from_a_shanghai_form_rebuilds_the_rows(regions: Path) -> None:
    app = JixiaoApp(regions / "2024-基层治理骨干专项教育培训班经费.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert app.screen.query("#f-funds-current_year-budget")
        editor(app).flows.open(regions / "hebei-langfang-2019.toml")
        await _settle(pilot)
        assert not app.screen.query("#f-funds-current_year-budget")
        assert app.screen.query_one("#f-funds-appropriation-executed", FieldInput).value == "37.24"
        assert app.screen.query_one("#f-funds-other-budget", FieldInput).value == ""
        bar = str(app.screen.query_one(ScoreBar).render())
        assert "86%" in bar and "98" in bar and "98.00" not in bar  # one number format everywhere
        assert funds_cells(app)[-1][6] == "9"


async def test_a_unit_typed_on_before_the_answer_is_not_overwritten_by_the_conversion(training: Path) -> None:
    """`元 Enter 5` in one burst: the question came after 元5 was in the field; 换算 set the unit back
    to 元 and dropped the 5 (fresh-clone review). Now nothing is converted and the notice says why."""
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-money_unit", "元")
        await _settle(pilot)
        assert isinstance(app.screen.query_one(OptionList), OptionList)  # the question is up
        unit = editor(app).query_one("#f-money_unit", FieldInput)
        unit.value = "元5"  # the key typed after it, handled before the answer
        await pilot.press("enter")  # 换算金额
        await _settle(pilot)
        form = editor(app).form
        assert form is not None and form.money_unit == "元5" and unit.value == "元5"
        assert form.funds.current_year.budget == Decimal("30.20")  # not converted
        assert any("没有换算" in str(n.message) for n in app._notifications)
        await pilot.press("end", "backspace")  # 元5 → 元: the amounts are still in 万元, so the question comes again
        await _settle(pilot)
        assert isinstance(app.screen.query_one(OptionList), OptionList)
        await pilot.press("enter")  # 换算金额
        await _settle(pilot)
        form = editor(app).form
        assert form is not None and form.money_unit == "元" and form.funds.current_year.budget == Decimal("302000.00")


async def test_changing_the_unit_offers_an_exact_conversion(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-money_unit", "元")
        await _settle(pilot)
        options = app.screen.query_one(OptionList)
        assert "换算金额（×10000）" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await _settle(pilot)
        form = editor(app).form
        assert form is not None and form.money_unit == "元"
        assert form.funds.current_year.budget == Decimal("302000.00")
        assert app.screen.query_one("#f-funds-current_year-executed", FieldInput).value == "254000.00"
        assert editor(app).figures is not None and editor(app).figures.total == Decimal("94.41")
