"""The derived figures of a form: 年度资金总额, 执行率, 执行率得分, suggested scores, 总分, 评分等级.

Every figure is quantized here, once, by the form's rule set, so that whoever prints it (editor,
`validate`, the file) prints the same digits (see money.fmt).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .form import Form, FundRow, Indicator, ScoreSource
from .layouts import FUND_COLUMNS
from .money import HUNDRED, ZERO, at_places, quantum, round_half_up, truncate
from .rules import DEFAULT_RULE_SET, RULE_SETS, Outcome, RuleSet
from .targets import (
    Comparator,
    QualitativeTarget,
    QuantitativeTarget,
    Quantity,
    UnreadableTarget,
    negates_target,
    parse_outcome,
    parse_quantity,
    parse_target,
    states_target,
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
    actual_error: str | None = None  # an actual value whose number cannot be read whole
    by_evaluator: bool = False  # the score is the evaluator's own

    @property
    def assessed(self) -> bool:
        """False while neither the rule nor the evaluator has scored the indicator."""
        return self.suggestion is not None or self.met is not None or self.score != 0

    @property
    def score_known(self) -> bool:
        """False when the score that counts is neither the evaluator's nor a rule's suggestion."""
        return self.suggestion is not None or self.by_evaluator


@dataclass(frozen=True, slots=True)
class Figures:
    fund_total: FundRow  # the 年度资金总额 row
    execution_rate: Decimal
    execution_score: Decimal
    indicators: tuple[IndicatorFigures, ...]
    indicator_score: Decimal
    total: Decimal
    grade: str
    # Why 指标得分, 总分 and 评分等级 cannot be known (an unreadable value, an unscored indicator, no
    # indicators): they are still computed (an unknown score counts 0) for the editor to show, but
    # never asserted against a figure in the file.
    incomplete: tuple[str, ...] = ()


def rules_for(form: Form) -> RuleSet:
    return RULE_SETS.get(form.rule_set) or RULE_SETS[DEFAULT_RULE_SET]


def fund_total(form: Form) -> FundRow:
    """The 年度资金总额 row: column sums, a blank cell counting 0."""
    rows = [row for _, row in form.funds.rows()]
    sums = {column: sum((row.amount(column) for row in rows), ZERO) for column in FUND_COLUMNS}
    return FundRow.model_construct(
        initial_budget=sums["initial_budget"], budget=sums["budget"], executed=sums["executed"],
    )


def execution_rate(row: FundRow, rules: RuleSet) -> Decimal:
    """全年执行数 ÷ 全年预算数 × 100 to the rule set's places; 0 for a zero or blank budget."""
    places = rules.rate_places
    budget = row.amount("budget")
    if budget == 0:
        return ZERO.quantize(quantum(places))
    rate = row.amount("executed") / budget * HUNDRED
    return truncate(rate, places) if rules.execution_rate_rounding == "truncate" else round_half_up(rate, places)


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


@lru_cache(maxsize=4096)
def _read_quantity(text: str) -> tuple[Quantity | None, str | None]:
    try:
        return parse_quantity(text), None
    except UnreadableTarget as error:
        return None, str(error)


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


def _target_under(
    read: tuple[QuantitativeTarget | QualitativeTarget | None, str | None], rules: RuleSet
) -> tuple[QuantitativeTarget | QualitativeTarget | None, str | None]:
    """A bare number target read the rule set's way: ≥ (the parser's reading), = or refused."""
    target, error = read
    if not isinstance(target, QuantitativeTarget) or not target.bare or rules.bare_number_target == "at_least":
        return target, error
    if rules.bare_number_target == "equal":
        return QuantitativeTarget(Comparator.EQUAL, target.quantity, bare=True), None
    written = f"{target.quantity.value}{target.quantity.unit}"
    return None, f"“{written}”缺少比较符号，本评分规则要求写作 ≥{written} 或 ={written}"


def qualitative_outcome(target: QualitativeTarget, actual: str, rules: RuleSet) -> Outcome | None:
    """达成指标 / 部分达成… / 未达成… as written, 达成 when the actual restates the target, 未达成
    when it restates it negated (未及时 against 及时)."""
    outcome = parse_outcome(actual)
    if outcome is None and states_target(actual, target.text, rules.qualitative_equivalents):
        return Outcome.ACHIEVED
    if outcome is None and negates_target(actual, target.text, rules.qualitative_equivalents, rules.qualitative_negations):
        return Outcome.MISSED
    return outcome


def score_indicator(indicator: Indicator, rules: RuleSet) -> IndicatorFigures:
    target, target_error = _target_under(_read_target(indicator.target), rules)
    actual: Quantity | None = None
    actual_error: str | None = None
    outcome: Outcome | None = None
    share: Decimal | None = None
    met: bool | None = None
    achievement: Decimal | None = None
    if isinstance(target, QuantitativeTarget):
        actual, actual_error = _read_quantity(indicator.actual)
        if actual is not None:
            share = _quantitative_share(target, actual.value, rules)
            met = _is_met(target, actual.value)
            if target.quantity.value > 0:
                achievement = actual.value / target.quantity.value * HUNDRED
    elif isinstance(target, QualitativeTarget):
        outcome = qualitative_outcome(target, indicator.actual, rules)
        if outcome is not None:
            share = rules.qualitative_bands[outcome].suggest / HUNDRED
            met = outcome is Outcome.ACHIEVED
    suggestion = None if share is None else _suggest(indicator.weight, share, rules.score_places)
    evaluator = indicator.score_source is ScoreSource.EVALUATOR
    if evaluator:
        score = at_places(indicator.score if indicator.score is not None else ZERO, rules.score_places)
    else:
        score = suggestion if suggestion is not None else ZERO.quantize(quantum(rules.score_places))
    return IndicatorFigures(
        target, target_error, actual, outcome, suggestion, score, met, achievement, actual_error, evaluator
    )


def _suggest(weight: Decimal, share: Decimal, places: int) -> Decimal:
    """分值 × share, rounded to the rule set's places, never above the 分值: under whole points a
    分值 of 43.50 fully met rounds to 44, which its own range check (E106) refuses; it gets 43."""
    return min(round_half_up(weight * share, places), truncate(weight, places))


def _unknown_scores(form: Form, indicators: tuple[IndicatorFigures, ...]) -> tuple[str, ...]:
    """Why the indicators' sum is not known: one reason per indicator whose score nobody gave."""
    if not form.indicators:
        return ("没有绩效指标",)
    reasons = []
    for index, result in enumerate(indicators):
        if result.score_known:
            continue
        what = (
            "年度指标值无法识别" if result.target_error
            else "实际完成值无法识别" if result.actual_error
            else "实际完成值无法判断是否达成" if isinstance(result.target, QualitativeTarget) and form.indicators[index].actual.strip()
            else "尚未评分"
        )
        reasons.append(f"第 {index + 1} 条指标{what}")
    return tuple(reasons)


def score_form(form: Form) -> Figures:
    """Every derived figure of `form` under its rule set."""
    rules = rules_for(form)
    return form_figures(form, rules, tuple(score_indicator(indicator, rules) for indicator in form.indicators))


def form_figures(form: Form, rules: RuleSet, indicators: tuple[IndicatorFigures, ...]) -> Figures:
    """The form's figures given its indicators' (scored here or kept from before the last edit)."""
    total_row = fund_total(form)
    rate = execution_rate(total_row, rules)
    exec_score = execution_score(rate, rules)
    # Sums are exact, printed with the rule set's places when that loses nothing: under an integer
    # rule set an evaluator's 43.5 is kept, and 9 + 88.50 gives 97.50, never a rounded 98 that
    # the figures beside it do not add up to.
    indicator_score = at_places(sum((i.score for i in indicators), ZERO), rules.score_places)
    total = at_places(exec_score + indicator_score, rules.score_places)
    return Figures(
        fund_total=total_row,
        execution_rate=rate,
        execution_score=exec_score,
        indicators=indicators,
        indicator_score=indicator_score,
        total=total,
        grade=rules.grade(total),
        incomplete=_unknown_scores(form, indicators),
    )


PREVIOUS_FIGURES = ("execution_rate", "execution_score", "indicator_score", "total", "grade")


def previous_figures(form: Form, figures: Figures) -> dict[str, Decimal | str]:
    """The figures as jixiao computed them before rule sets set their number format (issue 10).

    执行率 was always to two places (an integer rule set wrote 86.33), 指标得分 the plain sum and
    总分 that sum rounded to the score places. A file written then keeps validating when its
    figures equal these; the next save writes today's figures.
    """
    rules = rules_for(form)
    rate = execution_rate(figures.fund_total, rules.model_copy(update={"rate_places": 2}))
    exec_score = execution_score(rate, rules)
    indicator_score = sum((i.score for i in figures.indicators), ZERO)
    total = round_half_up(exec_score + indicator_score, rules.score_places)
    return {
        "execution_rate": rate, "execution_score": exec_score, "indicator_score": indicator_score,
        "total": total, "grade": rules.grade(total),
    }
