"""金额单位 (issue 10, item 8): 元, 千元 and 万元; changing it converts the amounts exactly, or keeps them."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from models import check_form, score_form
from models.editing import FormEditor
from models.units import conversion_factor_text, convert, unit_change


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("17.50", "万元", "元", "175000.00"),
        ("175000.00", "元", "万元", "17.50"),
        ("89.974", "万元", "元", "899740.00"),
        ("215457.60", "元", "万元", "21.54576"),
        ("1.23", "元", "万元", "0.000123"),
        ("30.20", "万元", "千元", "302.00"),
        ("0.00", "元", "万元", "0.00"),
    ],
)
def test_convert_is_exact(value, source, target, expected):
    converted = convert(D(value), source, target)
    assert str(converted) == expected
    assert convert(converted, target, source) == D(value)  # and back, to the cent


def test_factor_text():
    assert conversion_factor_text("万元", "元") == "×10000"
    assert conversion_factor_text("元", "万元") == "÷10000"


def test_converting_a_reference_form_keeps_every_figure(sample_form):
    form = sample_form("基层治理骨干专项教育培训班经费")
    before = score_form(form)
    editor = FormEditor(form)
    editor.set_fields(unit_change(form, "元", convert_amounts=True))
    assert form.money_unit == "元"
    assert form.funds.current_year.budget == D("302000.00")
    assert form.funds.current_year.executed == D("254000.00")
    after = score_form(form)
    assert (after.execution_rate, after.total, after.grade) == (before.execution_rate, before.total, before.grade)
    assert not [p for p in check_form(form) if p.is_error]
    editor.undo()  # one step: unit and amounts together
    assert form.money_unit == "万元" and form.funds.current_year.budget == D("30.20")


def test_keeping_the_numbers_changes_only_the_unit(sample_form):
    form = sample_form("基层治理骨干专项教育培训班经费")
    assert unit_change(form, "元", convert_amounts=False) == {"money_unit": "元"}


def test_blank_cells_stay_blank(sample_form):
    form = sample_form("基层治理骨干专项教育培训班经费")
    form.funds.other.budget = None
    assert "funds.other.budget" not in unit_change(form, "元", convert_amounts=True)
