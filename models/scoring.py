"""The derived figures of a form: 年度资金总额, 执行率, 执行率得分, suggested scores, 总分, 评分等级."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .form import Form, FundRow, Indicator, ScoreSource
from .money import HUNDRED, ZERO, round_half_up, truncate
from .rules import DEFAULT_RULE_SET, RULE_SETS, Outcome, RuleSet
from .targets import (
    Comparator,
    QualitativeTarget,
    QuantitativeTarget,
    Quantity,
    UnreadableTarget,
    parse_outcome,
    parse_quantity,
    parse_target,
)


@dataclass(frozen=True, slots=True)
class IndicatorFigures:
    target: QuantitativeTarget | QualitativeTarget | None
    target_error: str | None
    actual: Quantity | None  # for a quantitative target
    outcome: Outcome | None  # for a qualitative target
    suggestion: Decimal | None  # None while the actual value is missing or unreadable
    score: Decimal  # what counts in 总分: the evaluator's, or else the suggestion
    met: bool | None  # target met / outcome 达成; None when unknown
    achievement: Decimal | None  # actual ÷ target × 100 for a quantitative target

    @property
    def assessed(self) -> bool:
        """False while neither the rule nor the evaluator has scored the indicator."""
        return self.suggestion is not None or self.met is not None or self.score != 0


@dataclass(frozen=True, slots=True)
class Figures:
    fund_total: FundRow  # the 年度资金总额 row
    execution_rate: Decimal
    execution_score: Decimal
    indicators: tuple[IndicatorFigures, ...]
    indicator_score: Decimal
    total: Decimal
    grade: str


def rules_for(form: Form) -> RuleSet:
    return RULE_SETS.get(form.rule_set) or RULE_SETS[DEFAULT_RULE_SET]


def fund_total(form: Form) -> FundRow:
    rows = [row for _, row in form.funds.rows()]
    return FundRow.model_construct(
        initial_budget=sum((r.initial_budget for r in rows), ZERO),
        budget=sum((r.budget for r in rows), ZERO),
        executed=sum((r.executed for r in rows), ZERO),
    )


def execution_rate(row: FundRow, rules: RuleSet) -> Decimal:
    """全年执行数 ÷ 全年预算数 × 100; 0.00 for a zero budget."""
    if row.budget == 0:
        return ZERO
    rate = row.executed / row.budget * HUNDRED
    return truncate(rate) if rules.execution_rate_rounding == "truncate" else round_half_up(rate)


def execution_score(rate: Decimal, rules: RuleSet) -> Decimal:
    weight = rules.execution_weight
    if rules.execution_score_mode == "stepwise":
        share = next((s for minimum, s in rules.execution_steps if rate >= minimum), Decimal(0))
        score = weight * share
    else:
        score = rate / HUNDRED * weight
    if rules.cap_execution_score:
        score = min(score, weight)
    return round_half_up(score, rules.score_places)


@lru_cache(maxsize=4096)
def _read_target(text: str) -> tuple[QuantitativeTarget | QualitativeTarget | None, str | None]:
    try:
        return parse_target(text), None
    except UnreadableTarget as error:
        return None, str(error)


_read_quantity = lru_cache(maxsize=4096)(parse_quantity)


def _quantitative_share(target: QuantitativeTarget, actual: Decimal, rules: RuleSet) -> Decimal:
    """Share of 分值 (0–1) that a quantitative result earns."""
    goal = target.quantity.value
    comparator = target.comparator
    if comparator is Comparator.EQUAL:
        if actual == goal:
            return Decimal(1)
        low, high = sorted((actual, goal))
        return low / high if high > 0 and low >= 0 else Decimal(0)
    if comparator.is_reverse:
        if actual <= goal:
            return Decimal(1)
        if goal <= 0:
            return Decimal(0)
        if rules.reverse_mode == "linear":
            return max(Decimal(2) - actual / goal, Decimal(0))
        return goal / actual
    if actual >= goal or goal <= 0:
        return Decimal(1)
    return max(actual / goal, Decimal(0))


def _is_met(target: QuantitativeTarget, actual: Decimal) -> bool:
    """Met exactly when the rule gives full 分值 (so > and < count equality as met, like ≥ and ≤)."""
    goal = target.quantity.value
    if target.comparator is Comparator.EQUAL:
        return actual == goal
    return actual <= goal if target.comparator.is_reverse else actual >= goal


def score_indicator(indicator: Indicator, rules: RuleSet) -> IndicatorFigures:
    target, target_error = _read_target(indicator.target)
    actual: Quantity | None = None
    outcome: Outcome | None = None
    share: Decimal | None = None
    met: bool | None = None
    achievement: Decimal | None = None
    if isinstance(target, QuantitativeTarget):
        actual = _read_quantity(indicator.actual)
        if actual is not None:
            share = _quantitative_share(target, actual.value, rules)
            met = _is_met(target, actual.value)
            if target.quantity.value > 0:
                achievement = actual.value / target.quantity.value * HUNDRED
    elif isinstance(target, QualitativeTarget):
        outcome = parse_outcome(indicator.actual)
        if outcome is not None:
            share = rules.qualitative_bands[outcome].suggest / HUNDRED
            met = outcome is Outcome.ACHIEVED
    suggestion = None if share is None else round_half_up(indicator.weight * share, rules.score_places)
    if indicator.score_source is ScoreSource.EVALUATOR:
        score = indicator.score if indicator.score is not None else ZERO
    else:
        score = suggestion if suggestion is not None else ZERO
    return IndicatorFigures(target, target_error, actual, outcome, suggestion, score, met, achievement)


def score_form(form: Form) -> Figures:
    """Every derived figure of `form` under its rule set."""
    rules = rules_for(form)
    total_row = fund_total(form)
    rate = execution_rate(total_row, rules)
    exec_score = execution_score(rate, rules)
    indicators = tuple(score_indicator(indicator, rules) for indicator in form.indicators)
    indicator_score = sum((i.score for i in indicators), ZERO)
    total = round_half_up(exec_score + indicator_score, rules.score_places)
    return Figures(
        fund_total=total_row,
        execution_rate=rate,
        execution_score=exec_score,
        indicators=indicators,
        indicator_score=indicator_score,
        total=total,
        grade=rules.grade(total),
    )
