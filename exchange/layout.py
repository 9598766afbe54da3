"""The official 财政项目支出绩效自评表 as data: what each printed cell says, computed once from the
model, so that XLSX and HTML (and so PDF) show the same figures in the same places.

Every figure is the text jixiao itself prints (`models.money.fmt` for computed figures, the amount
as stored for entered amounts); a figure cell also carries that text as a Decimal, so that the
XLSX stores a number that shows exactly the same digits.

The XLSX grid (`xlsx.py`), one sheet per form, eight columns A–H; `import` reads it by its labels.
The 项目资金 block has one row per fund row of the form's layout (表样: three for the default
shanghai-2024, four for sichuan-2023, two for hebei-2019), so the rows after it move; F = 5 + 1 + R
for R fund rows (F = 9 by default):

    1      财政项目支出绩效自评表                                        (A1:H1 merged)
    2      （2024年度）                                                   (A2:H2 merged)
    3      项目名称 | project                                             (B3:H3 merged)
    4      主管部门 | department (B4:D4) | 实施单位 (E4) | implementer (F4:H4)
    5      项目资金（万元） (A5:A{F} merged; the form's own unit) | "" | 年初预算数 | 全年预算数 |
           全年执行数 (the layout's column names) | 分值 | 执行率(%) | 得分
    6      年度资金总额：      | amounts… | 分值 | 执行率 | 得分
    7      其中：当年财政拨款   | amounts… | -    | 执行率 | -      (the layout's first row)
    …      上年结转资金, 其他资金 (the layout's other rows; a blank amount is an empty cell)
    F+1    年度总体目标 (A:A over two rows) | 预期目标 (B:E) | 实际完成情况 (F:H)
    F+2                               | expected (B:E) | actual (F:H)
    F+3    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    F+4…   one row per indicator; 一级指标 merged over a run of equal consecutive values, 二级指标
           merged over a run inside it
    n      总分 (A:E merged) | total 分值 | 总分
    n+1    评分等级 (A:E merged) | grade (F:H merged)

Amounts, 分值, 执行率 and 得分 are numbers (number format with the printed number of decimals;
a figure of more than 15 significant digits, which a spreadsheet number cannot hold, is text);
every other cell is text, never a formula (a target `=100%` stays text, marked with Excel's quote
prefix like a typed `'=100%`). A control character that XML cannot hold (legal in TOML) is written
as its Unicode picture (\x01 → ␁). A workbook of several forms starts with a sheet named 汇总
(the summary, not a form).

What the official layout cannot show is written to a hidden sheet named `_jixiao` (three columns:
sheet name, key, value; all text), one block of rows per form sheet:

    format_version            file format version of the form (e.g. "1")
    rule_set                  the rule set's name (e.g. "baoshan-2024")
    layout                    the layout's name (e.g. "shanghai-2024")
    year                      the year, or "" when none
    money_unit                金额单位 as stored
    indicator_count           number of indicator rows on the sheet
    indicators.N.score_source "suggested" or "evaluator" (N counts from 1, in sheet order)
    indicators.N.score        for "evaluator" only: the evaluator's 得分 exactly as stored, "" for none
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from models.form import Form, FundRow, ScoreSource
from models.layouts import FUND_COLUMNS, layout_named
from models.money import NO_FIGURE, at_places, fmt
from models.scoring import Figures, execution_rate, rules_for
from models.summary import NOT_CHECKABLE

TITLE = "财政项目支出绩效自评表"
META_SHEET = "_jixiao"
FUND_FIGURE_HEADINGS = ("分值", "执行率(%)", "得分")
TOTAL_LINE = "年度资金总额"
INDICATOR_HEADINGS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
DASH = "-"
# Relative widths of columns A–H (Excel's character units; HTML uses the same proportions). B holds
# 年度资金总额： and 其中：当年财政拨款 on one line in print; A's 项目资金（万元） breaks before （.
FORM_WIDTHS = (12, 15, 16, 13, 13, 8, 8, 19)


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed value: `text` exactly as shown; `number` when it is a figure (same digits)."""

    text: str
    number: Decimal | None = None

    @property
    def places(self) -> int:
        """Decimals shown, for a spreadsheet number format that prints the same text."""
        return len(self.text.partition(".")[2]) if self.number is not None else 0


def figure(text: str) -> Cell:
    """A computed or entered figure as jixiao prints it; a dash or an em dash stays text."""
    try:
        return Cell(text, Decimal(text))
    except ArithmeticError:
        return Cell(text)


def amount(value: Decimal | None) -> Cell:
    """An entered amount as jixiao prints it; a blank cell (None) prints nothing."""
    return Cell("") if value is None else figure(fmt(value))


def heading_lines(heading: str) -> str:
    """项目资金（万元） as two lines, 项目资金 / （万元）: a narrow column would otherwise break it
    inside the brackets (项目资金（万元 / ）)."""
    return heading.replace("（", "\n（", 1)


def score_figure(value: Decimal, places: int) -> Cell:
    """A 分值 in the rule set's score format, as its 得分 print (20 beside 18 under integer-scores,
    20.00 beside 18.00 by default); a fraction the format cannot show is kept (at_places)."""
    return figure(fmt(at_places(value, places)))


@dataclass(frozen=True, slots=True)
class FundLine:
    name: str  # the row's name in the form's layout (年度资金总额, 当年财政拨款 …)
    label: str  # as printed: 年度资金总额：, 其中：当年财政拨款, 上年结转资金 …
    cells: tuple[Cell, ...]  # one per FormLayout.fund_headings


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Cell
    score: Cell
    reason: str
    level1_span: int  # rows the 一级指标 cell covers from here; 0 inside a merged run
    level2_span: int


@dataclass(frozen=True, slots=True)
class FormLayout:
    """One form as the official sheet prints it."""

    year_text: str
    project: str
    department: str
    implementer: str
    money_heading: str
    fund_headings: tuple[str, ...]  # the layout's column names, then 分值, 执行率(%), 得分
    funds: tuple[FundLine, ...]
    expected: str
    actual: str
    indicators: tuple[IndicatorLine, ...]
    total_weight: Cell
    total: Cell
    grade: str
    meta: dict[str, str] = field(default_factory=dict)
    title: str = TITLE


def form_layout(form: Form, figures: Figures) -> FormLayout:
    rules = rules_for(form)
    table = layout_named(form.layout)
    weight = fmt(rules.execution_weight)
    lines = [FundLine(TOTAL_LINE, f"{TOTAL_LINE}：", (
        *_amounts(figures.fund_total), figure(weight), figure(fmt(figures.execution_rate)),
        figure(fmt(figures.execution_score)),
    ))]
    for n, (key, row) in enumerate(form.funds.rows()):
        name = table.rows.get(key, key)
        # A row left blank on the form prints no rate, as on paper (not 0.00)
        blank = all(getattr(row, column) is None for column in FUND_COLUMNS)
        rate = Cell("") if blank else figure(fmt(execution_rate(row, rules)))
        lines.append(FundLine(name, f"其中：{name}" if n == 0 else name, (*_amounts(row), Cell(DASH), rate, Cell(DASH))))
    level1_spans = _spans([i.level1 for i in form.indicators])
    level2_spans = _spans([i.level2 for i in form.indicators], level1_spans)
    indicators = tuple(
        IndicatorLine(
            indicator.level1, indicator.level2, indicator.name, indicator.target, indicator.actual,
            score_figure(indicator.weight, rules.score_places),
            figure(fmt(result.score)) if result.score_known else Cell(NO_FIGURE),  # as the editor (—, not the "-" of a cell that does not apply): no 0.00 made up
            indicator.deviation_reason,
            level1_spans[n], level2_spans[n],
        )
        for n, (indicator, result) in enumerate(zip(form.indicators, figures.indicators, strict=True))
    )
    total_weight = rules.execution_weight + sum((i.weight for i in form.indicators), Decimal(0))
    return FormLayout(
        year_text=f"（{form.year}年度）" if form.year is not None else "（年度）",
        project=form.project,
        department=form.department,
        implementer=form.implementer,
        money_heading=f"项目资金（{form.money_unit or '万元'}）",
        fund_headings=(*(table.column_label(c) for c in FUND_COLUMNS), *FUND_FIGURE_HEADINGS),
        funds=tuple(lines),
        expected=form.goals.expected,
        actual=form.goals.actual,
        indicators=indicators,
        total_weight=score_figure(total_weight, rules.score_places),
        # 总分 and 评分等级 with an indicator nobody scored are not known: printed as the editor shows them
        total=Cell(NOT_CHECKABLE) if figures.incomplete else figure(fmt(figures.total)),
        grade=NO_FIGURE if figures.incomplete else figures.grade,
        meta=_meta(form),
    )


def _amounts(row: FundRow) -> tuple[Cell, ...]:
    return tuple(amount(getattr(row, column)) for column in FUND_COLUMNS)


def limited_spans(layout: FormLayout, limit: int) -> FormLayout:
    """The same form with no merged 一级/二级指标 cell taller than `limit` rows (a longer run is
    several cells, each with its text). For print: a browser keeps a merged cell on one page, and a
    twenty-row run would leave half a page blank before it, or, split, lose its text on the next page."""
    from dataclasses import replace  # noqa: PLC0415

    level1 = _spans([i.level1 for i in layout.indicators], limit=limit)
    level2 = _spans([i.level2 for i in layout.indicators], level1, limit=limit)
    lines = tuple(replace(line, level1_span=a, level2_span=b) for line, a, b in zip(layout.indicators, level1, level2, strict=True))
    return replace(layout, indicators=lines)


def _spans(values: list[str], outer: list[int] | None = None, limit: int | None = None) -> list[int]:
    """Merged-cell heights: a run of equal consecutive values (inside one run of `outer`, for
    二级指标 under 一级指标; at most `limit` rows) is one cell; the rows it covers below its first get 0."""
    spans = [0] * len(values)
    start = 0
    for n in range(1, len(values) + 1):
        breaks = (
            n == len(values) or values[n] != values[start] or (outer is not None and outer[n] != 0)
            or (limit is not None and n - start >= limit)
        )
        if breaks:
            spans[start] = n - start
            start = n
    return spans


def _meta(form: Form) -> dict[str, str]:
    meta = {
        "format_version": str(form.format_version),
        "rule_set": form.rule_set,
        "year": "" if form.year is None else str(form.year),
        "money_unit": form.money_unit,
        "layout": form.layout,
        "indicator_count": str(len(form.indicators)),
    }
    for n, indicator in enumerate(form.indicators, start=1):
        meta[f"indicators.{n}.score_source"] = indicator.score_source.value
        if indicator.score_source is ScoreSource.EVALUATOR:
            meta[f"indicators.{n}.score"] = "" if indicator.score is None else str(indicator.score)
    return meta
