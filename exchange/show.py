"""A form as labelled Chinese text, one field a line (`全年执行数 25.40`): for reading in a terminal
and as a git textconv, so that `git diff` of a forms folder shows which field changed and how.

Every value is printed as jixiao prints it (layout.py); a multi-line text continues on lines
indented by two spaces, and control characters are escaped (\\x1b), never sent to the terminal.
After the fields: each stored [figures] value that differs from the computed one (a hand-edited
总分 must show), the file's problems as validate reports them, and a last line 原文校验 with a
hash of the file's bytes. That last line is what makes the text a faithful textconv: two files
that differ in any byte (a comment, spacing, an escape the fields cannot show) always show
differently. A file that cannot be read is shown as its problems and its raw text (decoded as
UTF-8, else as GB18030, which a GBK file is), so that a diff never fails and never hides a change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from models.form import Form, ScoreSource
from models.printable import one_line
from models.problems import Severity
from models.scoring import Figures
from models.validation import FileReport, validate_file

from .layout import form_layout

_SOURCE = {ScoreSource.SUGGESTED: "按建议", ScoreSource.EVALUATOR: "评价人"}
_SEVERITY = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


def show_text(path: Path) -> str:
    data = path.read_bytes()
    report = validate_file(path)
    if report.form is None or report.figures is None:
        lines = [*_problems(report), *_raw(data)]
    else:
        lines = [*_lines(report.form, report.figures), *_stored(report.form, report.figures), *_problems(report)]
    lines.append(f"原文校验 sha256:{hashlib.sha256(data).hexdigest()[:16]}（{len(data)} 字节）")
    return "\n".join(lines) + "\n"


def _field(label: str, value: str) -> str:
    first, *rest = value.split("\n") if value else [""]
    return "\n".join([f"{label} {one_line(first)}".rstrip(), *(f"  {one_line(line)}" for line in rest)])


def _raw(data: bytes) -> Iterator[str]:
    try:
        text, encoding = data.decode("utf-8"), ""
    except UnicodeDecodeError:
        text, encoding = data.decode("gb18030", "replace"), "（按 GBK/GB18030 解读）"
    yield f"原文{encoding}："
    for line in text.split("\n"):
        yield "  " + one_line(line)


def _problems(report: FileReport) -> Iterator[str]:
    for problem in report.problems:
        at = f" 第 {problem.line} 行" if problem.line else ""
        yield _field(f"问题 {problem.code} {_SEVERITY.get(problem.severity, '')}{at}", problem.message)


def _stored(form: Form, figures: Figures) -> Iterator[str]:
    """Each stored [figures] value that is not the computed one, as the file has it."""
    stored = form.figures
    if stored is None:
        return
    total = figures.fund_total
    computed: dict[str, tuple[str, object]] = {
        "initial_budget_total": ("年度资金总额 年初预算数", total.initial_budget),
        "budget_total": ("年度资金总额 全年预算数", total.budget),
        "executed_total": ("年度资金总额 全年执行数", total.executed),
        "execution_rate": ("执行率(%)", figures.execution_rate),
        "execution_score": ("执行率得分", figures.execution_score),
        "indicator_score": ("指标得分", figures.indicator_score),
        "total": ("总分", figures.total),
        "grade": ("评分等级", figures.grade),
    }
    for key, (label, value) in computed.items():
        kept = getattr(stored, key)
        if kept is None:
            continue
        same = (value is not None and Decimal(kept) == value) if isinstance(kept, Decimal) else kept == value
        if not same:
            yield _field(f"文件中记为 {label}", f"{kept}（计算为 {'' if value is None else value}）")


def _lines(form: Form, figures: Figures) -> Iterator[str]:
    layout = form_layout(form, figures)
    yield _field("年度", "" if form.year is None else str(form.year))
    yield _field("项目名称", form.project)
    yield _field("主管部门", form.department)
    yield _field("实施单位", form.implementer)
    yield _field("金额单位", form.money_unit)
    yield _field("评分规则", form.rule_set)
    yield _field("表样", form.layout)
    total = layout.funds[0]
    for fund in layout.funds:
        for heading, cell in zip(layout.fund_headings[:3], fund.cells, strict=False):
            yield _field(f"{fund.name} {heading}", cell.text)
    yield _field("执行率(%)", total.cells[4].text)
    yield _field("执行率得分", total.cells[5].text)
    yield _field("预期目标", form.goals.expected)
    yield _field("实际完成情况", form.goals.actual)
    for n, (indicator, line) in enumerate(zip(form.indicators, layout.indicators, strict=True), start=1):
        at = f"指标{n}"
        yield _field(f"{at} 一级指标", indicator.level1)
        yield _field(f"{at} 二级指标", indicator.level2)
        yield _field(f"{at} 三级指标", indicator.name)
        yield _field(f"{at} 年度指标值", indicator.target)
        yield _field(f"{at} 实际完成值", indicator.actual)
        yield _field(f"{at} 分值", line.weight.text)
        yield _field(f"{at} 得分", f"{line.score.text}（{_SOURCE[indicator.score_source]}）")
        yield _field(f"{at} 偏差原因分析及改进措施", indicator.deviation_reason)
    yield _field("总分", layout.total.text)
    yield _field("评分等级", layout.grade)
