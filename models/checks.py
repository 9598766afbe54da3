"""The checks of the spec: errors a form must not have, warnings it should not have."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from .catalog import is_usual_level2, usual_level1
from .form import Form, Indicator
from .layouts import FUND_COLUMNS, layout_named
from .money import MONEY_UNITS, ZERO, at_places, decimal_places, fmt
from .problems import Problem
from .rules import Outcome, RuleSet
from .scoring import PREVIOUS_FIGURES, Figures, IndicatorFigures, previous_figures, rules_for, score_form
from .targets import QuantitativeTarget

YEARS = (2000, 2100)  # performance self-evaluation began in the 2000s; anything else is a typo
_REQUIRED = {"year": "年度", "project": "项目名称", "department": "主管部门", "implementer": "实施单位"}
_PLACES_WORDS = {2: "两", 5: "五", 6: "六"}
_GOALS = {"expected": "预期目标", "actual": "实际完成情况"}
# Reading problems that leave the fund rows unknown: text where an amount belongs or a row or the
# layout missing from the file (E004, E007), an amount typed in the editor and refused (E111, E103, E104).
_FUNDS_UNREADABLE = ("E004", "E007", "E111", "E103", "E104")


def check_form(form: Form, figures: Figures | None = None, reading: Sequence[Problem] = ()) -> list[Problem]:
    """Every problem of `form`, in the order of the form (header, funds, indicators, figures).

    `reading` holds the problems met while reading the file: after one of them, the figures that
    depend on what could not be read are reported once as not checkable, never with a value.
    """
    figures = figures or score_form(form)
    rules = rules_for(form)
    duplicated = duplicated_names(form)
    found = [
        indicator_problems(index, indicator, result, rules, indicator.name.strip() in duplicated)
        for index, (indicator, result) in enumerate(zip(form.indicators, figures.indicators, strict=True))
    ]
    return form_problems(form, figures, reading, found)


class IndicatorProblems(NamedTuple):
    """One indicator's problems: its own, and a stale followed suggestion (reported with the figures)."""

    own: tuple[Problem, ...]
    stored: tuple[Problem, ...]


def form_problems(
    form: Form, figures: Figures, reading: Sequence[Problem], indicators: Sequence[IndicatorProblems],
) -> list[Problem]:
    """All the problems in the form's order, given each indicator's (checked here or kept from before an edit).

    A 分值 or 得分 that is text (in the file, or as typed) stands in the form as a placeholder: what
    would be said of that number (its range, the suggestion, the 分值 total) is not said of it.
    """
    unread = unread_scoring(reading)
    weights_unread = any(key.endswith(".weight") for key in unread)
    rows = {key.rsplit(".", 1)[0] for key in unread}
    unsaid = {f"{row}.{name}" for row in rows for name in ("weight", "score")}  # the score follows the 分值
    return [
        *_header(form),
        *_funds(form, figures),
        *(() if weights_unread else _weights(form)),
        *(problem for found in indicators for problem in found.own if problem.where not in unsaid),
        *(problem for found in indicators for problem in found.stored if problem.where not in unsaid),
        *_stored_figures(form, figures, reading),
    ]


_SCORING_INPUT = re.compile(r"indicators\[(\d+)\]\.(weight|score)")


def unread_scoring(reading: Sequence[Problem]) -> dict[str, str]:
    """Each indicator's 分值 or 得分 that is not a number (`indicators[0].weight` → why, in words)."""
    unread = {}
    for problem in reading:
        found = _SCORING_INPUT.fullmatch(problem.where)
        if found:
            what = "分值" if found[2] == "weight" else "得分"
            unread[problem.where] = f"第 {int(found[1]) + 1} 条指标的{what}不是数字"
    return unread


def duplicated_names(form: Form) -> frozenset[str]:
    """三级指标 names (stripped) that more than one indicator has: W207 on each of them."""
    names = Counter(i.name.strip() for i in form.indicators if i.name.strip())
    return frozenset(name for name, times in names.items() if times > 1)


def _header(form: Form) -> Iterator[Problem]:
    for key, label in _REQUIRED.items():
        value = getattr(form, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            yield Problem("E101", key, f"请填写{label}")
    if form.year is not None and not YEARS[0] <= form.year <= YEARS[1]:
        yield Problem("E112", "year", f"年度 {form.year} 不合理，应在 {YEARS[0]} 到 {YEARS[1]} 之间")
    if form.money_unit not in MONEY_UNITS:
        yield Problem("E113", "money_unit", f"金额单位“{form.money_unit}”无效，应为 {'、'.join(MONEY_UNITS)}")
    for key, label in _GOALS.items():
        if not getattr(form.goals, key).strip():
            yield Problem("E101", f"goals.{key}", f"请填写年度总体目标的{label}")
    if not form.indicators:
        yield Problem("E102", "indicators", "至少需要一条绩效指标")


def _amount(where: str, label: str, value: Decimal | None, places: int = 2, unit: str = "") -> Iterator[Problem]:
    """A money cell, 分值 or 得分: not negative, and exact to the 分 (`places` in the form's unit)."""
    if value is None:
        return
    if value < 0:
        yield Problem("E103", where, f"{label}不能为负数（{value}）")
    if decimal_places(value) > places:
        in_unit = f"（以{unit}计，精确到分）" if unit else ""
        yield Problem("E104", where, f"{label}最多{_PLACES_WORDS.get(places, str(places))}位小数{in_unit}（{value}）")


def _funds(form: Form, figures: Figures) -> Iterator[Problem]:
    layout = layout_named(form.layout)
    unit = form.money_unit
    places = MONEY_UNITS.get(unit, 2)
    for row_key, row in form.funds.rows():
        row_label = layout.rows.get(row_key, row_key)
        for column in FUND_COLUMNS:
            yield from _amount(
                f"funds.{row_key}.{column}", f"{row_label}的{layout.column_label(column)}",
                getattr(row, column), places, unit,
            )
        # A blank 全年预算数 (nothing printed) is not a budget of 0.00: nothing to compare with.
        if row.budget is not None and row.amount("executed") > row.budget:
            yield Problem(
                "W202", f"funds.{row_key}.executed",
                f"{row_label}的{layout.column_label('executed')} {row.executed} {unit}超过"
                f"{layout.column_label('budget')} {fmt(row.budget)} {unit}",
            )
    total = figures.fund_total
    budget, executed = layout.column_label("budget"), layout.column_label("executed")
    if total.amount("budget") == 0 and total.amount("executed") > 0:
        yield Problem(
            "W211", "funds", f"{budget}合计为 0，却有{executed} {fmt(total.amount('executed'))} {unit}：执行率按 {fmt(figures.execution_rate)}% 计，请核对{budget}",
        )
    elif total.amount("budget") == 0:
        yield Problem("W211", "funds", f"{budget}合计为 0（项目资金全为 0 或空白），请填写项目资金")


def _shown(value: Decimal, places: int) -> str:
    """A 分值 or 得分 as the rule set prints scores (40 under an integer rule set, 40.00 by default)."""
    return fmt(at_places(value, places))


def _weights(form: Form) -> Iterator[Problem]:
    rules = rules_for(form)
    places = rules.score_places
    total = rules.execution_weight + sum((i.weight for i in form.indicators), ZERO)
    if form.indicators and total != 100:
        yield Problem(
            "E105", "indicators",
            f"分值合计为 {_shown(total, places)}（含执行率 {fmt(rules.execution_weight)}），应为 {_shown(Decimal('100.00'), places)}",
        )
    expected = rules.expected_level1_weights
    if expected is None:
        return
    actual: dict[str, Decimal] = {}
    for indicator in form.indicators:
        actual[indicator.level1] = actual.get(indicator.level1, ZERO) + indicator.weight
    for level1 in sorted(set(expected) | set(actual)):
        want, got = expected.get(level1, ZERO), actual.get(level1, ZERO)
        if want != got:
            yield Problem("W204", "indicators", f"{level1}分值合计 {_shown(got, places)}，评分规则要求 {fmt(want)}")


def indicator_problems(
    index: int, indicator: Indicator, result: IndicatorFigures, rules: RuleSet, duplicated: bool,
) -> IndicatorProblems:
    """The problems of the indicator in row `index`; `duplicated`: another indicator has its name."""
    return IndicatorProblems(
        tuple(_indicator(index, indicator, result, rules, duplicated)), tuple(_stored_score(index, indicator, result)),
    )


def _indicator(index: int, indicator: Indicator, result: IndicatorFigures, rules: RuleSet, duplicated: bool) -> Iterator[Problem]:
    at = f"indicators[{index}]"
    label = f"第 {index + 1} 条指标“{indicator.name.strip() or '（未命名）'}”"
    for key, title in (("level1", "一级指标"), ("name", "三级指标")):
        if not getattr(indicator, key).strip():
            yield Problem("E101", f"{at}.{key}", f"第 {index + 1} 条指标请填写{title}")
    if indicator.level1.strip() and usual_level1(indicator.level1) is None:
        yield Problem("W208", f"{at}.level1", f"{label}的一级指标“{indicator.level1}”不在常用列表中")
    elif not is_usual_level2(indicator.level1, indicator.level2):
        yield Problem("W203", f"{at}.level2", f"{label}：“{indicator.level2}”通常不属于{indicator.level1}")
    if duplicated:
        yield Problem("W207", f"{at}.name", f"{label}与其他指标重名")
    yield from _amount(f"{at}.weight", f"{label}的分值", indicator.weight)
    if result.target_error:
        yield Problem("E108", f"{at}.target", f"{label}：{result.target_error}")
    elif not indicator.target.strip():
        yield Problem("E101", f"{at}.target", f"{label}请填写年度指标值")
    elif isinstance(result.target, QuantitativeTarget) and result.target.bare:
        written = indicator.target.strip()
        yield Problem(
            "W213", f"{at}.target",
            f"{label}的年度指标值“{written}”缺少比较符号，按 {result.target.comparator.value}{written} 计分；"
            f"请写明 ≥{written}、={written} 或 ≤{written}",
        )
    yield from _actual(indicator.actual, result, at, label, result.by_evaluator)
    yield from _score(indicator.score, indicator.actual, indicator.weight, result, at, label, rules)
    yield from _reason(indicator.deviation_reason, indicator.weight, result, at, label, rules)


def _actual(actual: str, result: IndicatorFigures, at: str, label: str, evaluator: bool) -> Iterator[Problem]:
    if not actual.strip() or result.target is None:
        return
    if isinstance(result.target, QuantitativeTarget):
        if result.actual_error:
            yield Problem("E109", f"{at}.actual", f"{label}的实际完成值{result.actual_error}")
        elif result.actual is None:
            yield Problem("E109", f"{at}.actual", f"{label}的实际完成值“{actual}”应为数字和单位，如 84.00(课时)")
        elif result.actual.unit and result.target.quantity.unit and result.actual.unit != result.target.quantity.unit:
            yield Problem(
                "W210", f"{at}.actual",
                f"{label}的实际完成值单位“{result.actual.unit}”与年度指标值单位“{result.target.quantity.unit}”不同",
            )
    elif result.outcome is None and not evaluator:
        yield Problem(
            "W212", f"{at}.actual",
            f"{label}的实际完成值“{actual.strip()}”无法判断是否达成“{result.target.text}”：请改写为 达成指标 / "
            "部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差，或由评价人打分",
        )


def _score(
    score: Decimal | None, actual: str, weight: Decimal, result: IndicatorFigures, at: str, label: str, rules: RuleSet,
) -> Iterator[Problem]:
    places = rules.score_places
    if score is None:
        if result.suggestion is None and not actual.strip():  # a filled-in actual has its own message
            yield Problem("W209", f"{at}.score", f"{label}尚未评分（填写实际完成值后可得建议得分）")
        return
    yield from _amount(f"{at}.score", f"{label}的得分", score)
    if score < 0 or score > weight:
        yield Problem("E106", f"{at}.score", f"{label}的得分 {_shown(score, places)} 应在 0 到分值 {_shown(weight, places)} 之间")
    if result.suggestion is not None and result.score > result.suggestion:
        yield Problem(
            "W201", f"{at}.score",
            f"{label}的得分 {fmt(result.score)} 高于建议得分 {fmt(result.suggestion)}（严禁刻意抬高分数）",
        )
    if result.outcome is not None and weight > 0:
        band = rules.qualitative_bands[result.outcome]
        share = result.score / weight * 100
        if not band.low <= share <= band.high:
            yield Problem(
                "W205", f"{at}.score",
                f"{label}为“{result.outcome.value}”，得分应为分值的 {band.low}%–{band.high}%，现为 {share:.2f}%",
            )


def _reason(
    reason: str, weight: Decimal, result: IndicatorFigures, at: str, label: str, rules: RuleSet
) -> Iterator[Problem]:
    if reason.strip() or not result.assessed:
        return  # explained, or not assessed yet
    # Met in full, the suggestion is the full mark: under whole points a 分值 of 43.50 gives 43, no shortfall.
    full = result.suggestion if result.met and result.suggestion is not None else weight
    if result.score < full or result.met is False:
        why = "未达成年度指标" if result.met is False else (
            f"得分 {fmt(result.score)} 低于分值 {_shown(weight, rules.score_places)}"
        )
        if result.outcome is Outcome.PARTIAL or result.outcome is Outcome.MISSED:
            why = f"实际完成值为“{result.outcome.value}”"
        yield Problem("E107", f"{at}.deviation_reason", f"{label}{why}，请填写偏差原因分析及改进措施")
    elif result.achievement is not None and result.achievement >= rules.far_above_percent:
        yield Problem(
            "W206", f"{at}.deviation_reason",
            f"{label}完成 {result.achievement:.0f}% 远超年度指标值，建议说明原因",
        )


_FUND_FIGURES = ("initial_budget_total", "budget_total", "executed_total", "execution_rate", "execution_score")
_SCORE_FIGURES = ("indicator_score", "total", "grade")


def _as_rule_set_prints(key: str, value: Decimal, rules: RuleSet) -> str:
    """A figure read from the file, shown with the places the rule set prints it with."""
    places = {"execution_rate": rules.rate_places}.get(key, rules.score_places if key in _SCORED else 2)
    return fmt(at_places(value, places))


_SCORED = ("execution_score", "indicator_score", "total")


def figures_not_checkable(figures: Figures, reading: Sequence[Problem] = ()) -> dict[str, list[str]]:
    """The derived figures that cannot be known, each with why: after an input problem (a fund row
    that could not be read, an indicator nobody could score) they are computed for display only,
    never asserted (`validate` JSON gives null, the stored-figure check W214)."""
    funds_unknown = [p.message for p in reading if p.code in _FUNDS_UNREADABLE and p.where.split(".")[0] in ("funds", "layout")]
    unknown: dict[str, list[str]] = {}
    if funds_unknown:
        unknown.update({key: funds_unknown for key in (*_FUND_FIGURES, "total", "grade")})
    unscored = [*figures.incomplete, *unread_scoring(reading).values()]
    if unscored:
        unknown.update({key: unscored + unknown.get(key, []) for key in _SCORE_FIGURES})
    return unknown


def _stored_score(index: int, indicator: Indicator, result: IndicatorFigures) -> Iterator[Problem]:
    """A followed suggestion written in the file as another score than the rule gives."""
    if (
        indicator.score_source == "suggested" and indicator.score is not None
        and result.suggestion is not None and indicator.score != result.score
    ):
        yield Problem(
            "E110", f"indicators[{index}].score",
            f"第 {index + 1} 条指标的得分标为“按建议”，文件中为 {indicator.score}，按规则应为 {fmt(result.score)}",
        )


def _stored_figures(form: Form, figures: Figures, reading: Sequence[Problem]) -> Iterator[Problem]:
    stored = form.figures
    if stored is None:
        return
    computed: dict[str, Decimal | str] = {
        "initial_budget_total": figures.fund_total.amount("initial_budget"),
        "budget_total": figures.fund_total.amount("budget"),
        "executed_total": figures.fund_total.amount("executed"),
        "execution_rate": figures.execution_rate,
        "execution_score": figures.execution_score,
        "indicator_score": figures.indicator_score,
        "total": figures.total,
        "grade": figures.grade,
    }
    unknown = figures_not_checkable(figures, reading)
    titles = type(stored).model_fields
    not_checkable: list[str] = []
    reasons: list[str] = []
    previous: dict[str, Decimal | str] | None = None
    for key, value in computed.items():
        written = getattr(stored, key)
        if written is None or written == value:
            continue  # the form does not print this figure, or prints what the rules give
        if key in PREVIOUS_FIGURES:
            previous = previous or previous_figures(form, figures)
            if written == previous[key]:
                continue  # written by the previous jixiao (执行率 86.33 under integer-scores): rewritten on save
        if key in unknown:  # it differs, but what it should be cannot be known: say so, once
            not_checkable.append(titles[key].title or key)
            reasons += [r for r in unknown[key] if r not in reasons]
        elif written != value:
            shown = _as_rule_set_prints(key, written, rules_for(form)) if isinstance(written, Decimal) else written
            yield Problem("E110", f"figures.{key}", f"文件中的{titles[key].title}为 {shown}，按规则应为 {fmt(value) if isinstance(value, Decimal) else value}")
    if not_checkable:
        yield Problem("W214", "figures", f"无法核对：{'、'.join(not_checkable)}（{'；'.join(reasons)}）")
