"""执行率 is truncated, 执行率得分 rounded half-up and capped, and everything stays Decimal."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import RULE_SETS, FundRow, score_form
from models.money import fmt, normalise, round_half_up, truncate
from models.scoring import execution_rate, execution_score

DEFAULT = RULE_SETS["baoshan-2024"]


@pytest.mark.parametrize(
    ("budget", "executed", "rate", "score"),
    [
        ("55.00", "54.36", "98.83", "9.88"),  # 98.8363… truncated, not 98.84
        ("30.00", "29.93", "99.76", "9.98"),  # 9.976 rounds up, not 9.97
        ("34.00", "33.99", "99.97", "10.00"),  # 9.997 rounds to 10.00
        ("30.20", "25.40", "84.10", "8.41"),
        ("17.50", "17.50", "100.00", "10.00"),
        ("3.00", "2.00", "66.66", "6.67"),  # 66.666… truncated; 6.666 rounded half-up
    ],
)
def test_execution_rate_and_score(form_with_funds, budget, executed, rate, score):
    figures = score_form(form_with_funds(budget, executed))
    assert figures.execution_rate == Decimal(rate)
    assert fmt(figures.execution_rate) == rate
    assert figures.execution_score == Decimal(score)
    assert fmt(figures.execution_score) == score


def test_rate_is_summed_over_the_three_fund_rows(form_with_funds):
    form = form_with_funds("30.00", "29.00")
    form.funds.carried_over = FundRow(budget=Decimal("20.00"), executed=Decimal("20.00"))
    form.funds.other = FundRow(initial_budget=Decimal("5.00"), budget=Decimal("5.00"), executed=Decimal("5.36"))
    figures = score_form(form)
    assert figures.fund_total.initial_budget == Decimal("35.00")
    assert figures.fund_total.budget == Decimal("55.00")
    assert figures.fund_total.executed == Decimal("54.36")
    assert figures.execution_rate == Decimal("98.83")


def test_zero_budget_gives_zero_rate(form_with_funds):
    figures = score_form(form_with_funds("0.00", "0.00"))
    assert figures.execution_rate == Decimal("0.00")
    assert fmt(figures.execution_rate) == "0.00"
    assert figures.execution_score == Decimal("0.00")


def test_zero_budget_with_spending_still_gives_zero_rate(form_with_funds):
    figures = score_form(form_with_funds("0.00", "5.00"))
    assert figures.execution_rate == Decimal("0.00")


def test_executed_above_budget_caps_score_at_weight(form_with_funds):
    figures = score_form(form_with_funds("50.00", "60.00"))
    assert figures.execution_rate == Decimal("120.00")
    assert figures.execution_score == Decimal("10.00")


def test_total_is_execution_score_plus_indicator_scores(clean_form):
    assert score_form(clean_form).total == Decimal("100.00")  # 10 + 50 + 30 + 10
    clean_form.indicators[0].actual = "70(人)"  # 50 × 70 ÷ 100 = 35
    figures = score_form(clean_form)
    assert figures.indicator_score == Decimal("75.00")
    assert figures.total == Decimal("85.00")
    assert figures.grade == "良"


@pytest.mark.parametrize(
    ("total", "grade"),
    [("100", "优"), ("90.00", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差")],
)
def test_grade_boundaries(total, grade):
    assert DEFAULT.grade(Decimal(total)) == grade


def test_truncate_and_round_half_up_helpers():
    assert truncate(Decimal("98.8363")) == Decimal("98.83")
    assert round_half_up(Decimal("98.835")) == Decimal("98.84")
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")  # banker's rounding would give 0.12
    assert round_half_up(Decimal("2.5"), 0) == Decimal("3")
    assert normalise(Decimal("17.5")) == Decimal("17.50") and str(normalise(Decimal("17.5"))) == "17.50"
    assert str(normalise(Decimal("1.005"))) == "1.005"  # a third decimal is kept to be reported


def _floats(value: object) -> list[object]:
    """Every float reachable inside a figures dataclass or a model dump."""
    if isinstance(value, float):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f for field in dataclasses.fields(value) for f in _floats(getattr(value, field.name))]
    if isinstance(value, dict):
        return [f for item in value.values() for f in _floats(item)]
    if isinstance(value, (list, tuple)):
        return [f for item in value for f in _floats(item)]
    if hasattr(value, "model_dump"):
        return _floats(value.model_dump())
    return []


def test_no_float_anywhere_in_results(sample_form):
    form = sample_form("基层治理骨干专项教育培训班经费")
    figures = score_form(form)
    assert _floats(figures) == []
    assert _floats(form.model_dump()) == []
    for result in figures.indicators:
        assert result.suggestion is None or type(result.suggestion) is Decimal
        assert type(result.score) is Decimal
    assert type(figures.indicator_score) is Decimal


def test_float_input_is_stored_as_exact_decimal():
    # A float assigned through validation goes through its shortest repr, not its binary value.
    row = FundRow.model_validate({"budget": 0.1, "executed": 0.07})
    assert row.budget == Decimal("0.10")
    assert row.executed == Decimal("0.07")
    assert type(row.budget) is Decimal


CENTS = st.integers(min_value=1, max_value=10**12)


@given(budget=CENTS, executed=st.integers(min_value=0, max_value=10**12))
def test_rate_is_floor_of_exact_ratio(budget, executed):
    """Oracle in integers: 执行率 (in hundredths of a percent) = floor(executed × 10000 ÷ budget)."""
    row = FundRow(budget=Decimal(budget) / 100, executed=Decimal(executed) / 100)
    rate = execution_rate(row, DEFAULT)
    assert rate == Decimal(executed * 10000 // budget) / 100
    assert rate.as_tuple().exponent == -2


@given(hundredths=st.integers(min_value=0, max_value=20000))
def test_score_is_half_up_of_exact_product_and_capped(hundredths):
    """Oracle in integers: a rate of h hundredths of a percent scores exactly h thousandths of a point
    (h ÷ 100 % × 10 ÷ 100); half-up to hundredths, at most 10.00."""
    rate = Decimal(hundredths) / 100
    expected = min((hundredths + 5) // 10, 1000)
    assert execution_score(rate, DEFAULT) == Decimal(expected) / 100
