"""A form as labelled Chinese text, one field a line (`全年执行数 25.40`): for reading in a terminal
and as a git textconv, so that `git diff` of a forms folder shows which field changed and how.

Every value is printed as jixiao prints it (layout.py); a multi-line text continues on lines
indented by two spaces. A file that cannot be read is shown as its problems and its raw text, so
that a diff never fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from models.form import Form, ScoreSource
from models.scoring import Figures, score_form
from models.toml_io import read_form_file

from .layout import form_layout

_SOURCE = {ScoreSource.SUGGESTED: "按建议", ScoreSource.EVALUATOR: "评价人"}


def show_text(path: Path) -> str:
    result = read_form_file(path)
    if result.form is None:
        lines = [f"（无法读取：{p.code} {p.message}）" for p in result.problems]
        return "\n".join(lines) + "\n" + (result.text or "")
    return "\n".join(_lines(result.form, score_form(result.form))) + "\n"


def _field(label: str, value: str) -> str:
    first, *rest = value.split("\n") if value else [""]
    return "\n".join([f"{label} {first}".rstrip(), *(f"  {line}" for line in rest)])


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
