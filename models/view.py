"""What the editor shows of an open form, as frozen values: the screen paints these and nothing else.

Built by the edit session after every operation, so that no widget computes a figure itself or
holds a number the model does not know.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from .address import Address
from .form import Form, FundRow, Indicator, ScoreSource
from .indicator_content import Content, exact, indicator_content
from .layouts import FUND_COLUMNS, layout_named
from .money import NO_FIGURE, fmt
from .problems import Problem, Severity
from .rules import RuleSet
from .scoring import Figures, IndicatorFigures, execution_rate, rules_for
from .summary import Summary

Mark = tuple[Severity, str]  # the worst severity of a field's problems, and the first such message


@dataclass(frozen=True, slots=True)
class FundRowView:
    """One editable row of 项目资金 and its own 执行率."""

    key: str
    label: str
    rate: str


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One line of the indicator table, as text, with the worst mark of each of its fields."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: str
    score: str
    suggestion: str
    has_reason: bool
    evaluator: bool  # the 得分 is the evaluator's, not the rule's suggestion
    marks: tuple[tuple[str, Severity], ...]

    def mark(self, *names: str) -> Severity | None:
        found = [severity for name, severity in self.marks if name in names]
        return Severity.ERROR if Severity.ERROR in found else (found[0] if found else None)


_NO_MARKS: Mapping[str, Mark] = MappingProxyType({})
_NO_TEXT: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class View:
    """Everything the screen shows of the open form (or why there is none)."""

    path: Path | None
    form: Form | None = None  # for copying field values into widgets; never mutated by the screen
    figures: Figures | None = None
    problems: tuple[Problem, ...] = ()
    marks: Mapping[str, Mark] = field(default_factory=lambda: _NO_MARKS)
    fund_rows: tuple[FundRowView, ...] = ()
    fund_totals: tuple[str, ...] = ()  # 年度资金总额, one per money column
    execution: tuple[str, str, str] = ("", "", "")  # 分值, 执行率, 得分 of the total row
    money_unit: str = "万元"
    layout: str = ""  # the form's 表样: which fund rows the screen must have
    rule_set_title: str = ""
    rows: tuple[IndicatorRow, ...] = ()
    summary: Summary | None = None
    unknown: frozenset[str] = frozenset()  # figures that cannot be known (an amount unreadable): shown as 无法核对
    unsaved: bool = False
    read_only: str | None = None  # why, when the form must not change
    message: str = ""  # why no form is shown
    focus_where: str | None = None  # after undo / redo: the field the step changed
    focus_row: int | None = None  # after a row change: the row to select

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)


def marks_of(problems: tuple[Problem, ...]) -> dict[str, Mark]:
    """The worst problem of each field: an error wins over a warning, else the first one."""
    marks: dict[str, Mark] = {}
    for problem in problems:
        if problem.where not in marks or (problem.is_error and marks[problem.where][0] is not Severity.ERROR):
            marks[problem.where] = (problem.severity, problem.message)
    return marks


class RowCache:
    """Indicator rows as text, rebuilt only for rows whose content changed: a keystroke stays flat."""

    def __init__(self) -> None:
        self._keys: list[tuple[object, ...]] = []  # by row index: compared, never hashed (cheaper)
        self._rows: list[IndicatorRow] = []

    def rows(
        self, form: Form, figures: tuple[IndicatorFigures, ...], marks: Mapping[str, Mark], contents: Sequence[Content] | None = None,
    ) -> tuple[IndicatorRow, ...]:
        """`contents`: each indicator's `indicator_content`, when the caller has just made them (the derivation)."""
        if contents is None:
            contents = [indicator_content(indicator) for indicator in form.indicators]
        by_row: dict[int, list[tuple[str, Severity]]] = {}
        for where, (severity, _) in marks.items():
            address = Address.parse(where)
            if address.indicator is not None and len(address.parts) == 3:
                by_row.setdefault(address.indicator, []).append((address.name, severity))
        keys, rows = [], []
        before, built = self._keys, self._rows
        for index, (indicator, result, content) in enumerate(zip(form.indicators, figures, contents, strict=True)):
            row_marks = tuple(sorted(by_row.get(index, ())))
            # What the row's text is made of, numbers by their digits (a 分值 of 20 and of 20.00 print differently).
            key = (*content, exact(result.score), exact(result.suggestion), row_marks)
            same = index < len(before) and before[index] == key
            rows.append(built[index] if same else _row(indicator, result, row_marks))
            keys.append(key)
        self._keys, self._rows = keys, rows
        return tuple(rows)


def _row(indicator: Indicator, result: IndicatorFigures, marks: tuple[tuple[str, Severity], ...]) -> IndicatorRow:
    evaluator = indicator.score_source is ScoreSource.EVALUATOR
    return IndicatorRow(
        level1=indicator.level1, level2=indicator.level2, name=indicator.name, target=indicator.target,
        actual=indicator.actual, weight=fmt(indicator.weight),
        score=fmt(result.score) if result.score_known else NO_FIGURE,  # nobody scored it: no 0.00 made up
        suggestion=fmt(result.suggestion), has_reason=bool(indicator.deviation_reason.strip()),
        evaluator=evaluator, marks=marks,
    )


def build_view(
    path: Path | None, form: Form, figures: Figures, problems: tuple[Problem, ...], rows: RowCache, *,
    unsaved: bool, read_only: str | None, unknown: frozenset[str] = frozenset(), refused: Mapping[str, str] = _NO_TEXT,
    contents: Sequence[Content] | None = None,
) -> View:
    """The view of a form that is open: figures, fund rows read generically, table rows, marks."""
    rules = rules_for(form)
    layout = layout_named(form.layout)
    labels = layout.rows
    marks = marks_of(problems)
    total = figures.fund_total
    return View(
        path=path, form=form, figures=figures, problems=problems, marks=MappingProxyType(marks),
        fund_rows=tuple(
            FundRowView(key, labels.get(key, key), NO_FIGURE if any(k.startswith(f"funds.{key}.") for k in refused)
                        else _rate_text(row, rules))
            for key, row in form.funds.rows()
        ),
        # A figure that cannot be known (an amount unreadable) is —, as in the score bar, never 0.00.
        fund_totals=tuple(_known(fmt(getattr(total, column)), f"{column}_total", unknown) for column in FUND_COLUMNS),
        execution=(
            fmt(rules.execution_weight), _known(fmt(figures.execution_rate), "execution_rate", unknown),
            _known(fmt(figures.execution_score), "execution_score", unknown),
        ),
        money_unit=form.money_unit or "万元",
        layout=layout.name,
        rule_set_title=rules.title,
        rows=_showing_refused(rows.rows(form, figures.indicators, marks, contents), refused),
        summary=Summary.of(form, figures, problems, path.stem if path else "新表单", unknown),
        unknown=unknown, unsaved=unsaved, read_only=read_only,
    )


def _known(text: str, key: str, unknown: frozenset[str]) -> str:
    return NO_FIGURE if key in unknown else text


def _showing_refused(rows: tuple[IndicatorRow, ...], refused: Mapping[str, str]) -> tuple[IndicatorRow, ...]:
    """The table shows what the row editor shows: the text typed into 分值 or 得分 that the form
    refused (a cleared 分值 is blank, marked), not the last valid number still used for the figures."""
    changed = list(rows)
    for key, text in refused.items():
        address = Address.parse(key)
        index = address.indicator
        if index is not None and index < len(changed):
            if address.name == "weight":  # no suggestion from a 分值 that is not a number; the evaluator's 得分 stays
                row = changed[index]
                changed[index] = replace(row, weight=text, suggestion=NO_FIGURE, score=row.score if row.evaluator else NO_FIGURE)
            elif address.name == "score":
                changed[index] = replace(changed[index], score=text)
    return tuple(changed) if refused else rows


def _rate_text(row: FundRow, rules: RuleSet) -> str:
    """A row's 执行率; "—" for a row with no amounts at all, which must not read as a 0.00 row."""
    if row.is_blank:
        return "—"
    return fmt(execution_rate(row, rules))
