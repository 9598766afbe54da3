"""The department summary: one row per form, a total row, and the count of forms per grade.

The rows are data (`Summary`), written as a terminal table, CSV, JSON, an XLSX sheet or HTML by
the same numbers: each figure is the text jixiao prints (see layout.Cell).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from models.form import FundRow
from models.money import ZERO, fmt
from models.printable import one_line
from models.problems import Severity
from models.rules import DEFAULT_RULE_SET, RULE_SETS
from models.scoring import execution_rate
from models.summary import NOT_CHECKABLE
from models.validation import FileReport

from .layout import Cell, amount, figure
from .textsafe import csv_text, display_width

# key (JSON, --sort) → heading (table, CSV, XLSX, HTML; also accepted by --sort)
COLUMNS: dict[str, str] = {
    "project": "项目名称", "year": "年度", "budget": "全年预算数", "executed": "全年执行数",
    "execution_rate": "执行率(%)", "execution_score": "执行率得分", "indicator_score": "指标得分",
    "total": "总分", "grade": "评分等级", "errors": "错误", "warnings": "警告",
}
NONE = Cell("—")
UNKNOWN = Cell(NOT_CHECKABLE)  # a figure that cannot be known: never its display-only 0.00


@dataclass(frozen=True)
class Summary:
    headings: list[str]
    rows: list[list[Cell]]
    paths: list[str]  # the file of each row
    total: list[Cell]
    grades: dict[str, int]  # grade → number of forms, in the rule set's order
    note: str  # why some totals are not shown, or ""


def build_summary(reports: list[FileReport], sort: str | None = None, descending: bool = False) -> Summary:
    rows = _distinguished([_row(report) for report in reports], reports)
    keyed = list(zip(rows, reports, strict=True))
    if sort is not None:
        keyed = _sorted(keyed, column_index(sort), descending)
    readable = [r for r in reports if r.form is not None and r.figures is not None]
    units = sorted({r.form.money_unit for r in readable if r.form is not None})
    headings = list(COLUMNS.values())
    note = ""
    if len(units) == 1:
        headings[2] += f"（{units[0]}）"
        headings[3] += f"（{units[0]}）"
    elif len(units) > 1:
        note = f"金额单位不同（{'、'.join(units)}），金额与执行率不合计；各行的单位见“单位”列"
    total = _total_row(reports, readable, mixed_units=len(units) > 1)
    body = [row for row, _ in keyed]
    if len(units) > 1:  # each amount beside its own unit: 55.00 万元 and 550000.00 元 never look alike
        headings.insert(UNIT_AT, UNIT_HEADING)
        body = [[*row[:UNIT_AT], _unit(report), *row[UNIT_AT:]] for row, report in keyed]
        total = [*total[:UNIT_AT], Cell(""), *total[UNIT_AT:]]
    return Summary(
        headings=headings,
        rows=body,
        paths=[str(report.path) for _, report in keyed],
        total=total,
        grades=_grade_counts(readable),
        note=note,
    )


UNIT_AT = 2  # the 单位 column, when the forms' units differ, comes before the amounts
UNIT_HEADING = "单位"


def _unit(report: FileReport) -> Cell:
    return Cell(report.form.money_unit) if report.form is not None else NONE


def _distinguished(rows: list[list[Cell]], reports: list[FileReport]) -> list[list[Cell]]:
    """Rows of forms with the same project name told apart by their year, then by their file name."""
    def clash(names: list[str]) -> set[str]:
        counts = Counter(names)
        return {name for name, count in counts.items() if count > 1}

    names = [row[0].text for row in rows]
    readable = [r.form is not None for r in reports]
    twice = clash([n for n, ok in zip(names, readable, strict=True) if ok])
    names = [f"{n}（{r.form.year if r.form.year is not None else '无年度'}）" if ok and n in twice and r.form else n
             for n, ok, r in zip(names, readable, reports, strict=True)]
    twice = clash([n for n, ok in zip(names, readable, strict=True) if ok])
    names = [f"{n}〔{r.path.name}〕" if ok and n in twice else n for n, ok, r in zip(names, readable, reports, strict=True)]
    return [[Cell(name), *row[1:]] for name, row in zip(names, rows, strict=True)]


def _sorted(keyed: list[tuple[list[Cell], FileReport]], column: int, descending: bool) -> list[tuple[list[Cell], FileReport]]:
    """Rows with a value in `column` by that value (--desc reverses them); rows without one (—)
    after them, and unreadable files always last, whatever the direction: they have no value to
    sort by (their 项目名称 cell is a file name, not a project's)."""
    ranks = _grade_ranks([r for _, r in keyed])
    readable = [item for item in keyed if item[1].form is not None]
    valued = [item for item in readable if item[0][column] is not NONE]
    key = (lambda item: _grade_key(item[0][column], ranks)) if column == GRADE_COLUMN else (lambda item: _sort_key(item[0][column]))
    return [*sorted(valued, key=key, reverse=descending),
            *[item for item in readable if item[0][column] is NONE],
            *[item for item in keyed if item[1].form is None]]


GRADE_COLUMN = list(COLUMNS).index("grade")


def _grade_ranks(reports: list[FileReport]) -> dict[str, Decimal]:
    """Each grade's threshold in its rule set (优 90 > 良 80 > 中 60 > 差 0): the order to sort by."""
    ranks: dict[str, Decimal] = {}
    for report in reports:
        rules = RULE_SETS.get(report.form.rule_set if report.form else DEFAULT_RULE_SET) or RULE_SETS[DEFAULT_RULE_SET]
        for threshold, label in rules.grades:
            ranks.setdefault(label, threshold)
    return ranks


def _grade_key(cell: Cell, ranks: dict[str, Decimal]) -> tuple[int, Decimal, str]:
    return (0, ranks[cell.text], "") if cell.text in ranks else (1, Decimal(0), cell.text)


def column_index(name: str) -> int:
    """The column a --sort value names: its Chinese heading or its JSON key. KeyError otherwise."""
    for index, (key, heading) in enumerate(COLUMNS.items()):
        if name in (key, heading, heading.removesuffix("(%)")):  # 执行率 as well as 执行率(%)
            return index
    raise KeyError(name)


def _row(report: FileReport) -> list[Cell]:
    form, figures = report.form, report.figures
    counts = [figure(str(report.count(Severity.ERROR))), figure(str(report.count(Severity.WARNING)))]
    if form is None or figures is None:
        return [Cell(report.path.name), *[NONE] * 8, *counts]
    unknown = report.not_checkable  # shown as the editor's score bar shows them, never as a figure

    def known(key: str, value: Decimal) -> Cell:
        return UNKNOWN if key in unknown else figure(fmt(value))

    return [
        Cell(form.project if form.project.strip() else report.path.name),  # no name: the file's, never a blank row
        figure(str(form.year)) if form.year is not None else NONE,
        UNKNOWN if "budget_total" in unknown else amount(figures.fund_total.budget),
        UNKNOWN if "executed_total" in unknown else amount(figures.fund_total.executed),
        known("execution_rate", figures.execution_rate),
        known("execution_score", figures.execution_score),
        known("indicator_score", figures.indicator_score),
        known("total", figures.total),
        NONE if "grade" in unknown else Cell(figures.grade),
        *counts,
    ]


def _total_row(reports: list[FileReport], readable: list[FileReport], mixed_units: bool) -> list[Cell]:
    """Sums of the amounts and the overall 执行率 (by the forms' rule set's rounding: the default
    rule set's when the forms use several); scores are not summed (a sum of scores means nothing)."""
    budget = sum((r.figures.fund_total.amount("budget") for r in readable if r.figures), ZERO)
    executed = sum((r.figures.fund_total.amount("executed") for r in readable if r.figures), ZERO)
    names = {r.form.rule_set for r in readable if r.form is not None}
    rules = RULE_SETS.get(names.pop() if len(names) == 1 else DEFAULT_RULE_SET) or RULE_SETS[DEFAULT_RULE_SET]
    rate = execution_rate(FundRow.model_construct(initial_budget=ZERO, budget=budget, executed=executed), rules)
    errors = sum(r.count(Severity.ERROR) for r in reports)
    warnings = sum(r.count(Severity.WARNING) for r in reports)
    money = [NONE, NONE, NONE] if mixed_units else [amount(budget), amount(executed), figure(fmt(rate))]
    if any({"budget_total", "executed_total"} & r.not_checkable.keys() for r in readable):
        money = [UNKNOWN, UNKNOWN, UNKNOWN]  # an open form's amount is typed text: no sum is known
    return [Cell(f"合计（{len(reports)} 个表单）"), Cell(""), *money, Cell(""), Cell(""), Cell(""), Cell(""),
            figure(str(errors)), figure(str(warnings))]


def _grade_counts(readable: list[FileReport]) -> dict[str, int]:
    counts = Counter(r.figures.grade for r in readable if r.figures and "grade" not in r.not_checkable)
    order: list[str] = []
    for report in readable:
        if report.form is not None:
            rules = RULE_SETS.get(report.form.rule_set) or RULE_SETS[DEFAULT_RULE_SET]
            order += [label for _, label in rules.grades if label not in order]
    order = order or [label for _, label in RULE_SETS[DEFAULT_RULE_SET].grades]
    return {label: counts.get(label, 0) for label in order}


def _sort_key(cell: Cell) -> tuple[int, Decimal, str]:
    """Figures by value, text by its characters; a missing figure (—) last."""
    if cell.number is not None:
        return (0, cell.number, "")
    return (1 if cell.text != NONE.text else 2, Decimal(0), cell.text)


def grade_line(summary: Summary) -> str:
    return "评分等级：" + "，".join(f"{grade} {count} 个" for grade, count in summary.grades.items())


def as_table(summary: Summary) -> str:
    """A plain-text table for the terminal, aligned by display width (CJK counts two)."""
    # one_line: a project name's ESC sequence or line break never reaches the terminal raw
    table = [summary.headings, *[[one_line(c.text) for c in row] for row in summary.rows],
             [one_line(c.text) for c in summary.total]]
    widths = [max(display_width(row[i]) for row in table) for i in range(len(summary.headings))]
    numeric = [any(row[i].number is not None for row in summary.rows) for i in range(len(summary.headings))]  # right-aligned

    def line(texts: list[str]) -> str:
        cells = []
        for text, width, right in zip(texts, widths, numeric, strict=True):
            pad = " " * (width - display_width(text))
            cells.append(pad + text if right else text + pad)
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    lines = [line(table[0]), rule, *[line(row) for row in table[1:-1]], rule, line(table[-1]), "", grade_line(summary)]
    if summary.note:
        lines.append(summary.note)
    return "\n".join(lines) + "\n"


def as_csv(summary: Summary) -> bytes:
    """UTF-8 with a BOM (Excel on Chinese Windows otherwise reads it as GBK); text that could run
    as a formula gets a leading apostrophe; figures are their printed digits."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(summary.headings)
    for row in [*summary.rows, summary.total]:
        writer.writerow([c.text if c.number is not None else csv_text(c.text) for c in row])
    writer.writerow([])
    writer.writerow(["评分等级", "表单数"])
    writer.writerows([[grade, count] for grade, count in summary.grades.items()])
    if summary.note:
        writer.writerow([summary.note])
    return out.getvalue().encode("utf-8-sig")


def as_json(summary: Summary) -> str:
    """Figures as strings of their printed digits (like `validate --format json`); "—" is null."""
    keys = list(COLUMNS)
    if UNIT_HEADING in summary.headings:
        keys.insert(UNIT_AT, "unit")

    def record(row: list[Cell]) -> dict[str, str | None]:
        return {key: (None if cell is NONE or cell is UNKNOWN else cell.text) for key, cell in zip(keys, row, strict=True)}

    data = {
        "columns": COLUMNS,
        "rows": [{"path": path, **record(row)} for path, row in zip(summary.paths, summary.rows, strict=True)],
        "total": record(summary.total),
        "grades": summary.grades,
        "note": summary.note or None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def default_name(folder: Path) -> str:
    """What a summary of `folder` is called: the folder's name."""
    return folder.resolve().name or "表单"
