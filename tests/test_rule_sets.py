"""Other regions' rule sets change the figures the way the spec describes; rule sets are data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from models import DEFAULT_RULE_SET, RULE_SETS, RuleSet, check_form, score_form
from models.money import fmt
from models.rules import builtin_tables

DEFAULT = RULE_SETS[DEFAULT_RULE_SET]


def codes(form) -> list[str]:
    return [p.code for p in check_form(form)]


def test_default_rule_set_is_baoshan():
    assert DEFAULT_RULE_SET == "baoshan-2024"
    assert DEFAULT.execution_rate_rounding == "truncate"
    assert DEFAULT.execution_weight == 10
    assert DEFAULT.expected_level1_weights is None


@pytest.mark.parametrize(
    ("name", "knobs"),
    [
        ("rounded", {"execution_rate_rounding"}),
        ("jiangxi-stepwise", {"execution_score_mode", "execution_steps"}),
        ("hubei-20", {"execution_weight"}),
        ("sichuan-2023", {"execution_rate_rounding"}),
        ("integer-scores", {"score_places", "rate_places"}),
        ("reverse-linear", {"reverse_mode"}),
        ("mof-50-30-10", {"expected_level1_weights"}),
    ],
)
def test_each_rule_set_differs_from_default_only_in_its_knobs(name, knobs):
    base = DEFAULT.model_dump(exclude={"name", "title", "source"})
    other = RULE_SETS[name].model_dump(exclude={"name", "title", "source"})
    assert {key for key in base if base[key] != other[key]} == knobs


@pytest.mark.parametrize("name", sorted(RULE_SETS))
def test_rule_set_round_trips_through_model_dump(name):
    rules = RULE_SETS[name]
    assert rules.name == name
    assert RuleSet.model_validate(rules.model_dump()) == rules
    assert RuleSet.model_validate(rules.model_dump(mode="json")) == rules
    assert RuleSet.model_validate_json(rules.model_dump_json()) == rules


def test_rule_set_refuses_unknown_knob():
    with pytest.raises(ValidationError):
        RuleSet.model_validate({"name": "x", "title": "x", "execution_rate_roundng": "half_up"})


# 执行率 rounded half-up instead of truncated.
@pytest.mark.parametrize(
    ("budget", "executed", "truncated", "rounded"),
    [("55.00", "54.36", "98.83", "98.84"), ("30.20", "25.40", "84.10", "84.11"), ("30.00", "29.93", "99.76", "99.77")],
)
def test_rounded_rule_set_rounds_rate_half_up(form_with_funds, budget, executed, truncated, rounded):
    assert fmt(score_form(form_with_funds(budget, executed)).execution_rate) == truncated
    figures = score_form(form_with_funds(budget, executed, "rounded"))
    assert figures.execution_rate == Decimal(rounded)


def test_rounded_rule_set_changes_total(form_with_funds):
    figures = score_form(form_with_funds("55.00", "54.36", "rounded"))
    assert figures.execution_score == Decimal("9.88")  # 98.84 × 10 ÷ 100 = 9.884
    assert score_form(form_with_funds("30.20", "25.40", "rounded")).execution_score == Decimal("8.41")


# Jiangxi: 100 % → 10, 80–100 % → 7, 60–80 % → 5, below → 0.
@pytest.mark.parametrize(
    ("executed", "score"),
    [
        ("120.00", "10.00"),
        ("100.00", "10.00"),
        ("99.99", "7.00"),
        ("80.00", "7.00"),
        ("79.99", "5.00"),
        ("60.00", "5.00"),
        ("59.99", "0.00"),
        ("0.00", "0.00"),
    ],
)
def test_jiangxi_stepwise_boundaries(form_with_funds, executed, score):
    figures = score_form(form_with_funds("100.00", executed, "jiangxi-stepwise"))
    assert figures.execution_score == Decimal(score)
    assert fmt(figures.execution_score) == score


def test_jiangxi_stepwise_keeps_truncated_rate(form_with_funds):
    figures = score_form(form_with_funds("34.00", "33.99", "jiangxi-stepwise"))
    assert figures.execution_rate == Decimal("99.97")
    assert figures.execution_score == Decimal("7.00")  # 99.97 % is below 100 %


def test_hubei_weight_20(form_with_funds):
    figures = score_form(form_with_funds("55.00", "54.36", "hubei-20"))
    assert figures.execution_rate == Decimal("98.83")
    assert figures.execution_score == Decimal("19.77")  # 98.83 × 20 ÷ 100 = 19.766
    assert score_form(form_with_funds("10.00", "12.00", "hubei-20")).execution_score == Decimal("20.00")


def test_hubei_weights_must_sum_with_indicators_to_100(clean_form):
    clean_form.rule_set = "hubei-20"
    assert "E105" in codes(clean_form)  # 20 + 90 = 110
    clean_form.indicators[0].weight = Decimal("40.00")
    clean_form.indicators[0].score = Decimal("40.00")
    assert codes(clean_form) == []
    assert score_form(clean_form).total == Decimal("100.00")  # 20 + 40 + 30 + 10


def test_default_rule_set_with_hubei_weights_is_an_error(clean_form):
    clean_form.indicators[0].weight = Decimal("40.00")
    clean_form.indicators[0].score = Decimal("40.00")
    assert "E105" in codes(clean_form)  # 10 + 80 = 90


def test_integer_scores(form_with_funds):
    figures = score_form(form_with_funds("100.00", "86.00", "integer-scores"))  # Hebei 2019: 86 % and 9
    assert figures.execution_rate == Decimal("86.00")
    assert figures.execution_score == Decimal("9")
    assert str(figures.execution_score) == "9"
    assert score_form(form_with_funds("100.00", "85.40", "integer-scores")).execution_score == Decimal("9")
    assert score_form(form_with_funds("100.00", "84.99", "integer-scores")).execution_score == Decimal("8")


def test_integer_scores_round_suggestions(sample_form):
    form = sample_form("基层治理骨干专项教育培训班经费")
    form.rule_set = "integer-scores"
    figures = score_form(form)
    assert figures.indicators[0].suggestion == Decimal("2")  # 1.81 → 2
    assert figures.execution_score == Decimal("8")  # 8.41 → 8
    assert figures.total == Decimal("94")  # 8 + evaluator's 1.00 + 85


@pytest.mark.parametrize(
    ("actual", "ratio", "linear"),
    [
        ("8(次)", "10.00", "10.00"),
        ("10(次)", "10.00", "10.00"),
        ("15(次)", "6.67", "5.00"),  # 10 × 10 ÷ 15 vs 10 × (2 − 1.5)
        ("20(次)", "5.00", "0.00"),  # linear reaches 0 at twice the target
        ("25(次)", "4.00", "0.00"),
    ],
)
def test_reverse_indicator_ratio_vs_linear(clean_form, actual, ratio, linear):
    indicator = clean_form.indicators[2]
    indicator.target, indicator.actual = "≤10(次)", actual
    assert score_form(clean_form).indicators[2].suggestion == Decimal(ratio)
    clean_form.rule_set = "reverse-linear"
    assert score_form(clean_form).indicators[2].suggestion == Decimal(linear)


def test_mof_split_warns_on_reference_split(sample_form):
    form = sample_form("社区干部实训基地工作经费")  # 产出 60 / 效益 30, no 满意度
    assert "W204" not in codes(form)
    form.rule_set = "mof-50-30-10"
    w204 = [p for p in check_form(form) if p.code == "W204"]
    assert {p.where for p in w204} == {"indicators"}
    assert len(w204) == 2
    assert any("产出指标" in p.message and "60.00" in p.message and "50.00" in p.message for p in w204)
    assert any("满意度指标" in p.message and "0.00" in p.message and "10.00" in p.message for p in w204)


def test_mof_split_accepts_50_30_10(clean_form):
    clean_form.rule_set = "mof-50-30-10"
    assert codes(clean_form) == []


@pytest.mark.parametrize(("name", "table"), sorted(builtin_tables().items()))
def test_builtin_rule_set_is_what_validation_gives(name, table):
    """The built-ins are constructed without pydantic's validator (start-up time): validating the same
    table must give the same rule set, field for field, so that a mistake in rule_sets.toml fails here."""
    validated = RuleSet.model_validate(table)
    assert validated == RULE_SETS[name]
    assert validated.model_fields_set == RULE_SETS[name].model_fields_set
    assert validated.model_dump() == RULE_SETS[name].model_dump()
