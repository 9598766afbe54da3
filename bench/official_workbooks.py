"""Workbooks in the official layout of the 自评表, built with openpyxl, in the variants clerks make.

Each option reproduces one way a real workbook differs from the plain layout (shifted, merged
differently, numbers as text, 元 …). The import tests use them as fixtures; the benchmark makes
its folder of workbooks and (through LibreOffice) of PDFs with them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from models import Form
from models.layouts import FUND_COLUMNS, layout_named
from models.scoring import score_form


@dataclass
class Layout:
    row0: int = 1  # first row
    col0: int = 1  # first column
    title: bool = True
    blank_rows: bool = False  # an empty row after each block
    repeat_levels: bool = False  # 一级/二级 written on every row instead of merged
    merge_levels: bool = True
    numbers_as_text: bool = False
    separators: bool = False  # "215,457.60"
    yuan: bool = False  # amounts in 元, heading 项目资金（元）
    dashes: bool = True  # "-" in the sub-rows' 分数 and 得分
    wrapped_labels: bool = False  # "偏差原因分析\n及改进措施", "其中：当年财政\n拨款"
    split_value_cells: bool = False  # values merged over other column ranges than the headings
    note: str = ""  # text under the table
    fund_rates: bool = True  # the sub-rows print their own 执行率
    targets_only: bool = False  # a 项目绩效目标表


def amount(value: Decimal | None, layout: Layout) -> Any:
    if value is None:
        return None  # a blank cell
    if layout.yuan:
        value = (value * 10000).quantize(Decimal("0.01"))
    if layout.separators:
        return f"{value:,.2f}"
    if layout.numbers_as_text:
        return f"{value:.2f}"
    return value


def score_value(value: Decimal | None, layout: Layout) -> Any:
    if value is None:
        return None
    return f"{value:.2f}" if layout.numbers_as_text or layout.separators else value


def build(form: Form, path: Path, layout: Layout | None = None, sheet: Any = None) -> Path:
    """Write `form` as the official layout; a second call with `sheet` adds a form to a workbook."""
    import openpyxl

    layout = layout or Layout()
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "自评表"
    write(ws, form, layout)
    style_for_print(ws, layout.col0)
    book.save(path)
    return path


def style_for_print(ws: Any, col0: int = 1) -> None:
    """Borders, wrapping and widths, so that LibreOffice prints a ruled table pdfplumber can read."""
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    side = Side(style="thin")
    border = Border(left=side, right=side, top=side, bottom=side)
    wrap = Alignment(wrap_text=True, vertical="center")
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, min_col=col0, max_col=col0 + 7):
        for cell in row:
            if any(cell.coordinate in area for area in ws.merged_cells.ranges) or cell.value is not None:
                cell.border = border
                cell.alignment = wrap
    widths = [9, 14, 16, 14, 14, 9, 9, 20]
    for offset, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(col0 + offset)].width = width
    spans = {(a.min_row, a.min_col): a for a in ws.merged_cells.ranges}
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, min_col=col0, max_col=col0 + 7):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.column - col0 >= len(widths):
                continue
            area = spans.get((cell.row, cell.column))
            if area is not None and area.max_row > area.min_row:
                continue  # merged down: the rows below give it room
            last = area.max_col if area is not None else cell.column
            room = sum(widths[c - col0] for c in range(cell.column, last + 1) if c - col0 < len(widths)) - 2
            need = sum(-(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in part) // room) or 1
                       for part in cell.value.split("\n"))
            lines = max(lines, need)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = 4 + 15 * lines
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write(ws: Any, form: Form, layout: Layout, start: int | None = None) -> int:
    """Lay `form` out on `ws` from row `start`; returns the next free row."""
    figures = score_form(form)
    r = start or layout.row0
    c = layout.col0

    def put(row: int, col: int, value: Any, to_col: int | None = None, to_row: int | None = None) -> None:
        shown = value
        if isinstance(value, Decimal):  # a number, shown with the decimals it is printed with (86 or 9.88)
            places = -value.as_tuple().exponent if isinstance(value.as_tuple().exponent, int) else 0
            shown = float(value)
        cell = ws.cell(row=row, column=c + col, value=shown)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # typed as text ('=12.00(个)), as a clerk's workbook holds it
        if isinstance(value, Decimal):
            cell.number_format = "0." + "0" * places if places > 0 else "0"
        if (to_col is not None and to_col != col) or (to_row is not None and to_row != row):
            ws.merge_cells(start_row=row, start_column=c + col, end_row=to_row or row, end_column=c + (to_col or col))

    def gap() -> None:
        nonlocal r
        if layout.blank_rows:
            r += 1

    if layout.title:
        put(r, 0, "项目绩效目标表" if layout.targets_only else "财政项目支出绩效自评表", 7)
        put(r + 1, 0, f"（{form.year}年度）", 7)
        r += 2
        gap()
    put(r, 0, "项目名称")
    put(r, 1, form.project, 7)
    put(r + 1, 0, "主管部门")
    put(r + 1, 1, form.department, 3)
    put(r + 1, 4, "实施单位")
    put(r + 1, 5, form.implementer, 7)
    r += 2
    gap()
    unit = "元" if layout.yuan else "万元"
    table = layout_named(form.layout)
    rows = form.funds.rows()
    total = figures.fund_total
    if layout.targets_only:
        put(r, 0, f"项目资金（{unit}）", to_row=r + len(rows))
        put(r, 1, "年度资金总额")
        put(r, 2, amount(total.budget, layout), 7)
        for i, (key, row) in enumerate(rows, start=1):
            put(r + i, 1, table.rows[key])
            put(r + i, 2, amount(row.budget, layout), 7)
        r += len(rows) + 1
    else:
        heading = f"项目资金\n（{unit}）" if layout.wrapped_labels else f"项目资金（{unit}）"
        put(r, 0, heading, to_row=r + len(rows) + 1)
        columns = [table.column_label(column) for column in FUND_COLUMNS]
        for i, title in enumerate([*columns, "分数", "执行率(%)", "得分"]):
            put(r, 2 + i, title)
        put(r + 1, 1, "年度资金总额：")
        values = [amount(total.initial_budget, layout), amount(total.budget, layout), amount(total.executed, layout),
                  score_value(Decimal(10), layout), score_value(figures.execution_rate, layout),
                  score_value(figures.execution_score, layout)]
        for i, value in enumerate(values):
            put(r + 1, 2 + i, value)
        for n, (key, row) in enumerate(rows, start=2):
            label = table.rows[key]
            if n == 2:
                label = f"其中：{label[:4]}\n{label[4:]}" if layout.wrapped_labels else f"其中：{label}"
            put(r + n, 1, label)
            put(r + n, 2, amount(row.initial_budget, layout))
            put(r + n, 3, amount(row.budget, layout))
            put(r + n, 4, amount(row.executed, layout))
            if layout.dashes:
                put(r + n, 5, "-")
                put(r + n, 7, "-")
            if layout.fund_rates and not row.is_blank:
                budget, executed = row.amount("budget"), row.amount("executed")
                rate = Decimal(0) if budget == 0 else (executed / budget * 100).quantize(Decimal("0.01"), "ROUND_DOWN")
                put(r + n, 6, score_value(rate, layout))
        r += len(rows) + 2
    gap()
    if layout.targets_only:
        put(r, 0, "年度总体目标")
        put(r, 1, form.goals.expected, 7)
        r += 1
    else:
        put(r, 0, "年度总体目标", to_row=r + 1)
        put(r, 1, "预期目标", 4)
        put(r, 5, "实际完成情况", 7)
        if layout.split_value_cells:
            put(r + 1, 1, form.goals.expected, 3)
            put(r + 1, 4, form.goals.actual, 7)
        else:
            put(r + 1, 1, form.goals.expected, 4)
            put(r + 1, 5, form.goals.actual, 7)
        r += 2
    gap()
    reason = "偏差原因分析\n及改进措施" if layout.wrapped_labels else "偏差原因分析及改进措施"
    headings = (["一级指标", "二级指标", "三级指标", "指标值", "分值"] if layout.targets_only else
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", reason])
    for i, heading in enumerate(headings):
        put(r, i, heading)
    r += 1
    first = r
    for index, (indicator, result) in enumerate(zip(form.indicators, figures.indicators, strict=True)):
        row = first + index
        previous = form.indicators[index - 1] if index else None
        same1 = previous is not None and previous.level1 == indicator.level1
        same2 = same1 and previous is not None and previous.level2 == indicator.level2
        if layout.repeat_levels or not same1:
            put(row, 0, indicator.level1)
        if layout.repeat_levels or not same2:
            put(row, 1, indicator.level2)
        put(row, 2, indicator.name)
        put(row, 3, indicator.target)
        if layout.targets_only:
            put(row, 4, score_value(indicator.weight, layout))
            continue
        put(row, 4, indicator.actual)
        put(row, 5, score_value(indicator.weight, layout))
        put(row, 6, score_value(result.score, layout))
        put(row, 7, indicator.deviation_reason or None)
    r = first + len(form.indicators)
    if layout.merge_levels and not layout.repeat_levels:
        _merge_runs(ws, form, first, c)
    if not layout.targets_only:
        put(r, 0, "总分", 4)
        put(r, 5, score_value(Decimal(100), layout))
        put(r, 6, score_value(figures.total, layout))
        put(r + 1, 0, "评分等级", 4)
        put(r + 1, 5, figures.grade, 7)
        r += 2
    if layout.note:
        r += 1
        put(r, 0, layout.note, 7)
        r += 1
    return r


def _merge_runs(ws: Any, form: Form, first: int, c: int) -> None:
    for column, key in ((0, "level1"), (1, "level2")):
        start = 0
        for index in range(1, len(form.indicators) + 1):
            same = index < len(form.indicators) and all(
                getattr(form.indicators[index], k) == getattr(form.indicators[start], k)
                for k in (("level1",) if key == "level1" else ("level1", "level2")))
            if not same:
                if index - 1 > start:
                    ws.merge_cells(start_row=first + start, start_column=c + column,
                                   end_row=first + index - 1, end_column=c + column)
                start = index


def cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells a cached value, as Excel does on saving (openpyxl writes formulas without)."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    for name, value in values.items():
        sheet = re.sub(rf'(<c r="{name}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?', rf"\1\2<v>{value}</v>", sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
