"""The rule's suggested 得分 for each kind of indicator, and when the evaluator's score counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models import RULE_SETS, Indicator, Outcome, ScoreSource
from models.scoring import score_indicator

DEFAULT = RULE_SETS["baoshan-2024"]


def suggest(target: str, actual: str, weight: str = "10.00", rules: str = "baoshan-2024") -> Decimal | None:
    indicator = Indicator(name="指标", target=target, actual=actual, weight=Decimal(weight))
    return score_indicator(indicator, RULE_SETS[rules]).suggestion


@pytest.mark.parametrize("comparator", ["≥", ">", ">="])
def test_positive_met_gives_full_weight(comparator):
    assert suggest(f"{comparator}90(%)", "90(%)") == Decimal("10.00")
    assert suggest(f"{comparator}90(%)", "99(%)") == Decimal("10.00")


@pytest.mark.parametrize("comparator", ["≥", ">"])
def test_positive_missed_is_proportional(comparator):
    assert suggest(f"{comparator}232.00(课时)", "84.00(课时)", "5.00") == Decimal("1.81")  # the reference
    assert suggest(f"{comparator}100(人)", "70(人)", "50.00") == Decimal("35.00")
    assert suggest(f"{comparator}100(人)", "0(人)") == Decimal("0.00")


def test_equal_met_exactly_gives_full_weight():
    assert suggest("=12.00(个)", "12.00(个)", "30.00") == Decimal("30.00")
    assert suggest("=12(个)", "12.00(个)", "30.00") == Decimal("30.00")  # 12 and 12.00 are equal


def test_equal_missed_is_proportional():
    assert suggest("=12(个)", "9(个)", "30.00") == Decimal("22.50")  # 30 × 9 ÷ 12
    above = suggest("=12(个)", "15(个)", "30.00")
    assert above is not None and above < Decimal("30.00")  # overshooting an exact target is not full marks


@pytest.mark.parametrize("comparator", ["≤", "<", "<="])
@pytest.mark.parametrize("rules", ["baoshan-2024", "reverse-linear"])
def test_reverse_met_gives_full_weight(comparator, rules):
    assert suggest(f"{comparator}10(天)", "7(天)", rules=rules) == Decimal("10.00")


@pytest.mark.parametrize("comparator", ["≤", "<"])
def test_reverse_missed_ratio_and_linear(comparator):
    assert suggest(f"{comparator}4(天)", "5(天)") == Decimal("8.00")  # 10 × 4 ÷ 5
    assert suggest(f"{comparator}4(天)", "5(天)", rules="reverse-linear") == Decimal("7.50")  # 10 × (2 − 5 ÷ 4)


def test_qualitative_achieved_suggests_full_weight():
    assert suggest("合格", "达成指标", "30.00") == Decimal("30.00")
    assert suggest("及时", "达成年度指标", "25.00") == Decimal("25.00")


@pytest.mark.parametrize(
    ("outcome", "low", "high"),
    [(Outcome.PARTIAL, Decimal(60), Decimal(80)), (Outcome.MISSED, Decimal(0), Decimal(60))],
)
def test_qualitative_shortfall_suggests_inside_its_band(outcome, low, high):
    share = suggest("提高", outcome.value, "100.00")
    assert share is not None
    assert low <= share < high  # 部分达成: below 80 % down to 60 %; 未达成: below 60 %


def test_suggestion_rounds_half_up():
    assert suggest("≥8(次)", "1(次)", "1.00") == Decimal("0.13")  # 0.125; banker's rounding gives 0.12
    assert suggest("≥8(次)", "5(次)", "1.00") == Decimal("0.63")  # 0.625
    assert suggest("≥3(个)", "2(个)", "10.00") == Decimal("6.67")  # 6.666…


@pytest.mark.parametrize(
    ("target", "actual"),
    [("≥90(%)", ""), ("≥90(%)", "很好"), ("合格", ""), ("合格", "完成"), ("≥abc", "90(%)"), ("", "90(%)")],
)
def test_no_suggestion_without_readable_target_and_actual(target, actual):
    assert suggest(target, actual) is None


def test_unreadable_target_carries_chinese_reason(is_chinese):
    result = score_indicator(Indicator(target="≥abc", actual="1(次)"), DEFAULT)
    assert result.target is None
    assert result.target_error is not None and is_chinese(result.target_error)


def test_evaluator_score_counts_instead_of_suggestion():
    indicator = Indicator(
        target="≥232.00(课时)", actual="84.00(课时)", weight=Decimal("5.00"),
        score=Decimal("1.00"), score_source=ScoreSource.EVALUATOR,
    )
    result = score_indicator(indicator, DEFAULT)
    assert result.suggestion == Decimal("1.81")
    assert result.score == Decimal("1.00")


def test_suggested_source_ignores_stored_score():
    indicator = Indicator(target="≥10(次)", actual="5(次)", weight=Decimal("10.00"), score=Decimal("9.00"))
    assert score_indicator(indicator, DEFAULT).score == Decimal("5.00")


def test_unscored_indicator_counts_zero():
    evaluator = Indicator(target="≥10(次)", actual="", score_source=ScoreSource.EVALUATOR, weight=Decimal("10.00"))
    suggested = Indicator(target="≥10(次)", actual="", weight=Decimal("10.00"))
    for indicator in (evaluator, suggested):
        result = score_indicator(indicator, DEFAULT)
        assert result.score == Decimal("0.00")
        assert result.assessed is False


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [
        ("≥10(次)", "10(次)", True),
        ("≥10(次)", "9(次)", False),
        (">10(次)", "11(次)", True),
        # The spec gives > and < targets full 分值 at equality, so equality counts as met
        # (otherwise a full-score indicator would demand a 偏差原因).
        (">10(次)", "10(次)", True),
        ("=10(次)", "10.00(次)", True),
        ("=10(次)", "11(次)", False),
        ("≤10(次)", "10(次)", True),
        ("<10(次)", "10(次)", True),
        ("<10(次)", "11(次)", False),
        ("合格", "达成指标", True),
        ("合格", "部分达成年度指标并具有一定效果", False),
    ],
)
def test_met(target, actual, met):
    assert score_indicator(Indicator(target=target, actual=actual), DEFAULT).met is met


def test_achievement_percent():
    result = score_indicator(Indicator(target="≥100(个)", actual="571.00(个)"), DEFAULT)
    assert result.achievement == Decimal("571")
