"""A letter typed inside a number (review of issue 10, defect 8): `95O(人次)` is not 95 with the
unit `O(人次)`; it is an unreadable value (E109 / E108), scored by nobody until corrected."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from models import Form, Indicator, check_form
from models.targets import UnreadableTarget, parse_quantity


@pytest.mark.parametrize("text", ["95O(人次)", "9O5(人次)", "1l0(个)", "95o（人次）", "1O,000(人次)"])
def test_a_letter_that_looks_like_a_digit_inside_a_number_is_unreadable(text):
    with pytest.raises(UnreadableTarget, match="夹有字母"):
        parse_quantity(text)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("95km", "95", "km"), ("10kg", "10", "kg"), ("100Mbps", "100", "Mbps"), ("950(人次)", "950", "人次"),
    ("10l", "10", "l"),
])
def test_units_in_latin_letters_still_read(text, value, unit):
    quantity = parse_quantity(text)
    assert quantity is not None and (quantity.value, quantity.unit) == (D(value), unit)


def test_the_actual_value_with_a_letter_o_is_e109_not_a_unit_warning():
    form = Form(year=2023, project="城乡居民医疗救助", department="某局", implementer="某局",
                goals={"expected": "救助", "actual": "完成"},
                indicators=[Indicator(level1="产出指标", level2="数量指标", name="救助人次", target="≥1,000(人次)",
                                      actual="95O(人次)", weight=D("90.00"), deviation_reason="部分对象未申请")])
    found = {(p.code, p.where) for p in check_form(form)}
    assert ("E109", "indicators[0].actual") in found
    assert not {code for code, _ in found} & {"W210", "W201"}
