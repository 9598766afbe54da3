"""Reading 年度指标值 and 实际完成值 as users write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models import Outcome
from models.targets import (
    Comparator,
    QualitativeTarget,
    QuantitativeTarget,
    UnreadableTarget,
    parse_outcome,
    parse_quantity,
    parse_target,
)


@pytest.mark.parametrize(
    ("text", "comparator", "number", "unit"),
    [
        ("≥232.00(课时)", Comparator.AT_LEAST, "232.00", "课时"),
        (">=90%", Comparator.AT_LEAST, "90", "%"),
        ("=12个", Comparator.EQUAL, "12", "个"),
        ("=12.00(个)", Comparator.EQUAL, "12.00", "个"),
        ("≥1(次)", Comparator.AT_LEAST, "1", "次"),
        ("≥90.00（%）", Comparator.AT_LEAST, "90.00", "%"),
        (" > 0 (家) ", Comparator.ABOVE, "0", "家"),
        ("＞5", Comparator.ABOVE, "5", ""),
        ("≤3(天)", Comparator.AT_MOST, "3", "天"),
        ("<=3天", Comparator.AT_MOST, "3", "天"),
        ("<2.5(万元)", Comparator.BELOW, "2.5", "万元"),
    ],
)
def test_quantitative_target(text, comparator, number, unit):
    target = parse_target(text)
    assert isinstance(target, QuantitativeTarget)
    assert target.comparator is comparator
    assert target.quantity.value == Decimal(number)
    assert str(target.quantity.value) == number  # kept as written: 1 stays 1, 232.00 stays 232.00
    assert target.quantity.unit == unit


@pytest.mark.parametrize("text", ["合格", "提高", "全覆盖", "及时", "达标", "合规"])
def test_qualitative_target(text):
    assert parse_target(text) == QualitativeTarget(text)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_target_is_none(text):
    assert parse_target(text) is None


@pytest.mark.parametrize("text", ["≥abc", "≥", "=十二个", "≥1,00(人)", "3 5(个)", "1.2.3(次)"])
def test_unreadable_target(text):
    with pytest.raises(UnreadableTarget) as caught:
        parse_target(text)
    assert isinstance(caught.value, ValueError)
    assert text.strip() in str(caught.value)


def test_reverse_comparators():
    assert {c for c in Comparator if c.is_reverse} == {Comparator.AT_MOST, Comparator.BELOW}


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [("84.00(课时)", "84.00", "课时"), ("571.00(个)", "571.00", "个"), ("99%", "99", "%"), ("5", "5", "")],
)
def test_actual_quantity(text, number, unit):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert str(quantity.value) == number
    assert quantity.unit == unit


@pytest.mark.parametrize("text", ["八十四课时", "", "约 84 课时"])
def test_unreadable_actual_quantity(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("达成指标", Outcome.ACHIEVED),
        ("达成年度指标", Outcome.ACHIEVED),
        ("部分达成年度指标并具有一定效果", Outcome.PARTIAL),
        ("未达成年度指标且效果较差", Outcome.MISSED),
        ("完成", None),
        ("", None),
    ],
)
def test_outcome(text, outcome):
    assert parse_outcome(text) is outcome
