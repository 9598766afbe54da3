"""Small HTML tables in the official layout (and unlike it), printed to PDF by headless Chromium."""

from __future__ import annotations

import html
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

from models import Form
from models.form import FUND_ROW_LABELS
from models.scoring import score_form

STYLE = """
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 10pt; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border: 1px solid #000; padding: 2px 4px; }
  h1 { text-align: center; font-size: 14pt; margin: 0; }
  .form { page-break-after: always; }
</style>
"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_pdf(html_text: str, pdf: Path) -> Path:
    source = pdf.with_suffix(".html")
    source.write_text(html_text, encoding="utf-8")
    browser = chromium()
    assert browser is not None
    profile = pdf.parent / f".chromium-{pdf.stem}"  # its own profile: no clash with other browsers running
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", source.as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    shutil.rmtree(profile, ignore_errors=True)
    return pdf


def _e(value: object) -> str:
    return html.escape(str(value))


def _money(value: Decimal, yuan: bool) -> str:
    return f"{value * 10000 if yuan else value:,.2f}"


def form_html(form: Form, *, yuan: bool = False, goals_beside: bool = False, repeat_levels: bool = False) -> str:
    """One form: the title outside the table (as the browser export prints it), the rest one table."""
    figures = score_form(form)
    unit = "元" if yuan else "万元"
    rows = [f'<tr><td>项目名称</td><td colspan="7">{_e(form.project)}</td></tr>',
            f'<tr><td>主管部门</td><td colspan="3">{_e(form.department)}</td><td>实施单位</td>'
            f'<td colspan="3">{_e(form.implementer)}</td></tr>',
            f'<tr><td rowspan="5">项目资金（{unit}）</td><td></td><td>年初预算数</td><td>全年预算数</td>'
            '<td>全年执行数</td><td>分值</td><td>执行率(%)</td><td>得分</td></tr>']
    total = figures.fund_total
    rows.append(f"<tr><td>年度资金总额</td><td>{_money(total.initial_budget, yuan)}</td>"
                f"<td>{_money(total.budget, yuan)}</td><td>{_money(total.executed, yuan)}</td><td>10.00</td>"
                f"<td>{figures.execution_rate:.2f}</td><td>{figures.execution_score:.2f}</td></tr>")
    for key, row in form.funds.rows():
        rows.append(f"<tr><td>{FUND_ROW_LABELS[key]}</td><td>{_money(row.initial_budget, yuan)}</td>"
                    f"<td>{_money(row.budget, yuan)}</td><td>{_money(row.executed, yuan)}</td>"
                    "<td>-</td><td>-</td><td>-</td></tr>")
    if goals_beside:
        rows.append(f'<tr><td rowspan="2">年度总体目标</td><td>预期目标</td><td colspan="6">{_e(form.goals.expected)}</td></tr>')
        rows.append(f'<tr><td>实际完成情况</td><td colspan="6">{_e(form.goals.actual)}</td></tr>')
    else:
        rows.append('<tr><td rowspan="2">年度总体目标</td><td colspan="3">预期目标</td>'
                    '<td colspan="4">实际完成情况</td></tr>')
        rows.append(f'<tr><td colspan="3">{_e(form.goals.expected)}</td><td colspan="4">{_e(form.goals.actual)}</td></tr>')
    rows.append("<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td>"
                "<td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>")
    indicators = list(zip(form.indicators, figures.indicators, strict=True))
    for index, (indicator, result) in enumerate(indicators):
        cells = []
        for level in ("level1", "level2"):
            value = getattr(indicator, level)
            keys = ("level1",) if level == "level1" else ("level1", "level2")
            same = [getattr(i, k) for k in keys for i in (indicator,)]
            if repeat_levels:
                cells.append(f"<td>{_e(value)}</td>")
                continue
            if index and [getattr(form.indicators[index - 1], k) for k in keys] == same:
                continue
            span = 1
            while index + span < len(indicators) and [getattr(form.indicators[index + span], k) for k in keys] == same:
                span += 1
            cells.append(f'<td rowspan="{span}">{_e(value)}</td>')
        cells += [f"<td>{_e(indicator.name)}</td>", f"<td>{_e(indicator.target)}</td>",
                  f"<td>{_e(indicator.actual)}</td>", f"<td>{indicator.weight:.2f}</td>",
                  f"<td>{result.score:.2f}</td>", f"<td>{_e(indicator.deviation_reason)}</td>"]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append(f'<tr><td colspan="5">总分</td><td>100.00</td><td>{figures.total:.2f}</td><td></td></tr>')
    rows.append(f'<tr><td colspan="5">评分等级</td><td colspan="3">{figures.grade}</td></tr>')
    return (f'<div class="form"><h1>财政项目支出绩效自评表</h1><p style="text-align:center">（{form.year}年度）</p>'
            f'<table>{"".join(rows)}</table></div>')


def page(*forms: str) -> str:
    return f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">{STYLE}</head><body>{"".join(forms)}</body></html>'
