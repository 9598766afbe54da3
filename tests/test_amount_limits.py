"""What a form file may hold for an amount, one limit for loading, typing, converting and saving
(review of issue 10, defects 1, 9 and 14): a file jixiao writes always loads, and an amount with more
decimals than the form's unit keeps loads and is reported (E104) by that unit's own limit."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from models import check_form, parse_form
from models.editing import parse_input
from models.money import FILE_MAX_INTEGER_DIGITS, FILE_MAX_PLACES, AmountError

# A published 万元 form typed in, 全年预算数 copied with more digits than a 万元 amount keeps (to the 分).
FORM = """\
format_version = 1
year = 2023
project = "测试项目"
department = "某局"
implementer = "某局"
money_unit = "{unit}"

[funds.current_year]
initial_budget = 89.974
budget = {budget}
executed = 89.97456

[funds.carried_over]

[funds.other]

[goals]
expected = "目标"
actual = "完成"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "数量"
target = "≥10(个)"
actual = "10(个)"
weight = 90
score_source = "suggested"
deviation_reason = ""
"""


@pytest.mark.parametrize(("unit", "budget", "words"), [
    ("万元", "89.9745678", "最多六位小数（以万元计"),
    ("元", "899745.678", "最多两位小数（以元计"),
    ("千元", "899.745678", "最多五位小数（以千元计"),
])
def test_too_many_decimals_load_and_are_e104_by_the_units_own_limit(unit, budget, words):
    result = parse_form(FORM.format(unit=unit, budget=budget))
    assert result.problems == []  # the form loads: no E004 refusing the whole form
    assert result.form is not None
    found = [(p.code, p.where) for p in check_form(result.form)]
    assert ("E104", "funds.current_year.budget") in found
    message = next(p.message for p in check_form(result.form) if p.where == "funds.current_year.budget")
    assert words in message


def test_a_number_beyond_what_a_file_holds_is_refused_when_loading_and_typing():
    too_many = "1." + "1" * (FILE_MAX_PLACES + 1)
    result = parse_form(FORM.format(unit="万元", budget=too_many))
    assert [p.code for p in result.problems] == ["E004"]
    assert f"最多 {FILE_MAX_PLACES} 位小数" in result.problems[0].message
    with pytest.raises(AmountError):
        parse_input("funds.current_year.budget", too_many)
    huge = "9" * (FILE_MAX_INTEGER_DIGITS + 1)
    assert [p.code for p in parse_form(FORM.format(unit="元", budget=huge)).problems] == ["E004"]
    with pytest.raises(AmountError):
        parse_input("funds.current_year.budget", huge)


def test_typing_accepts_what_the_loader_accepts():
    """Seven decimals in 万元 load (E104); typed, they are kept and reported the same way."""
    assert parse_input("funds.current_year.budget", "89.9745678") == D("89.9745678")

