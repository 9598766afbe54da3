"""The official layout as an XLSX workbook (openpyxl): one sheet per form, a 汇总 sheet when there
are several, and the hidden `_jixiao` sheet (see layout.py for the grid and what it holds).

Printing: A4 portrait, fit to one page wide, rows 1–2 repeated as print titles, borders, wrapped
text, a CJK font (宋体, which Excel and WPS have; LibreOffice substitutes Noto CJK). Row heights
are estimated here because Excel does not grow a merged cell's row for wrapped text.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .layout import FORM_WIDTHS, INDICATOR_HEADINGS, META_SHEET, Cell, FormLayout, heading_lines
from .summary import Summary, grade_line
from .textsafe import display_width, fit_cell, sheet_names, starts_like_formula, xlsx_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SUMMARY_SHEET = "汇总"
SUMMARY_TITLE = "财政项目支出绩效自评汇总"
FONT_NAME = "宋体"
EXCEL_DIGITS = 15  # a spreadsheet number keeps 15 significant digits; a longer figure is written as text
LINE_POINTS = 14.0  # one line of 10.5-point CJK text
ROW_POINTS_MAX = 409.0  # Excel's highest row; a longer text wraps inside it (scroll or widen to read)


def workbook_bytes(layouts: list[FormLayout], summary: Summary | None = None,
                   warnings: list[str] | None = None) -> bytes:
    """The workbook; what had to be changed to fit Excel (a text cut short) is added to `warnings`."""
    from openpyxl import Workbook  # noqa: PLC0415 (heavy: imported only when exporting)

    book = Workbook()
    first = book.active
    reserved = {META_SHEET} | ({SUMMARY_SHEET} if summary else set())
    names = sheet_names([layout.project for layout in layouts], reserved)
    if summary is not None:
        first.title = SUMMARY_SHEET
        write_summary_sheet(first, summary, warnings)
    else:
        book.remove(first)
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["工作表", "键", "值"])  # jixiao's own data for import; see layout.py
    for name, layout in zip(names, layouts, strict=True):
        sheet = book.create_sheet(name, index=len(book.sheetnames) - 1)
        _write_form(sheet, layout, warnings)
        for key, value in layout.meta.items():
            row = meta.max_row + 1
            for column, text in enumerate((name, key, value), start=1):
                put_text(meta.cell(row=row, column=column), text)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def put_text(cell: Any, text: str) -> bool:
    """`text` as a text cell, never a formula: openpyxl stores a string that begins with "=" as a
    formula, so the type is set to string, and text that Excel or WPS would run once edited
    (= + - @) gets Excel's quote prefix, as a typed '=100% does. True when the text was cut short."""
    value, cut = fit_cell(xlsx_text(text))
    cell.value = value
    cell.data_type = "s"
    if starts_like_formula(value):
        cell.quotePrefix = True
    return cut


def summary_workbook_bytes(summary: Summary, title: str = SUMMARY_TITLE) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook()
    book.active.title = SUMMARY_SHEET
    write_summary_sheet(book.active, summary, title=title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Grid:
    """Writes cells with the form's styles; every text cell stays text, never a formula."""

    def __init__(self, sheet: Worksheet, widths: tuple[int, ...], warnings: list[str] | None = None) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side  # noqa: PLC0415
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        self.sheet = sheet
        self.widths = widths
        self.warnings = warnings if warnings is not None else []
        side = Side(style="thin", color="000000")
        self.border = Border(left=side, right=side, top=side, bottom=side)
        self.font = Font(name=FONT_NAME, size=10.5)
        self.bold = Font(name=FONT_NAME, size=10.5, bold=True)
        self.align = {
            "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
            "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
            "right": Alignment(horizontal="right", vertical="center", wrap_text=True),
        }
        self.heights: dict[int, float] = {}
        for n, width in enumerate(widths):
            sheet.column_dimensions[get_column_letter(n + 1)].width = width

    def put(self, row: int, column: int, value: Cell | str, *, to: int | None = None, down: int = 1,
            align: str = "center", bold: bool = False, border: bool = True) -> None:
        """Write `value` at (row, column), merged right to column `to` and over `down` rows."""
        last = to or column
        cell = self.sheet.cell(row=row, column=column)
        item = value if isinstance(value, Cell) else Cell(value)
        if item.number is not None and len(item.number.as_tuple().digits) <= EXCEL_DIGITS:
            cell.value = item.number
            cell.number_format = "0." + "0" * item.places if item.places else "0"
        else:
            if put_text(cell, item.text):
                self.warnings.append(f"工作表“{self.sheet.title}”单元格 {cell.coordinate} 的文字超过 Excel 单元格"
                                     "32767 字的上限，已截断（末尾有标记）；完整内容见表单文件")
        cell.font = self.bold if bold else self.font
        cell.alignment = self.align["right" if item.number is not None and align == "center" else align]
        if down > 1 or last > column:
            self.sheet.merge_cells(start_row=row, start_column=column, end_row=row + down - 1, end_column=last)
        for r in range(row, row + down):
            for c in range(column, last + 1):
                target = self.sheet.cell(row=r, column=c)
                if border:
                    target.border = self.border
        width = sum(self.widths[column - 1:last])
        self._grow(row, down, _lines(item.text, width))

    def _grow(self, row: int, down: int, lines: int) -> None:
        """Room for `lines` lines of text, shared by the rows a merged cell covers."""
        per_row = LINE_POINTS * lines / down + 4
        for r in range(row, row + down):
            self.heights[r] = max(self.heights.get(r, LINE_POINTS + 6), per_row)

    def finish(self) -> None:
        for row, height in self.heights.items():
            self.sheet.row_dimensions[row].height = round(min(height, ROW_POINTS_MAX), 1)


def _lines(text: str, width: int) -> int:
    room = max(width - 1, 1)  # a little padding inside the cell
    return sum(max(1, math.ceil(display_width(part) / room)) for part in (text.split("\n") or [""]))


def _write_form(sheet: Worksheet, layout: FormLayout, warnings: list[str] | None = None) -> None:
    grid = _Grid(sheet, FORM_WIDTHS, warnings)
    from openpyxl.styles import Font  # noqa: PLC0415

    grid.put(1, 1, layout.title, to=8, border=False)
    sheet["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    grid.heights[1] = 30
    grid.put(2, 1, layout.year_text, to=8, border=False)
    grid.put(3, 1, "项目名称")
    grid.put(3, 2, layout.project, to=8, align="left")
    grid.put(4, 1, "主管部门")
    grid.put(4, 2, layout.department, to=4, align="left")
    grid.put(4, 5, "实施单位")
    grid.put(4, 6, layout.implementer, to=8, align="left")
    grid.put(5, 1, heading_lines(layout.money_heading), down=1 + len(layout.funds))
    grid.put(5, 2, "")
    for n, heading in enumerate(layout.fund_headings):
        grid.put(5, 3 + n, heading)
    for r, fund in enumerate(layout.funds, start=6):
        grid.put(r, 2, fund.label)
        for n, value in enumerate(fund.cells):
            grid.put(r, 3 + n, value)
    row = 6 + len(layout.funds)
    grid.put(row, 1, "年度总体目标", down=2)
    grid.put(row, 2, "预期目标", to=5)
    grid.put(row, 6, "实际完成情况", to=8)
    grid.put(row + 1, 2, layout.expected, to=5, align="left")
    grid.put(row + 1, 6, layout.actual, to=8, align="left")
    row += 2
    heading_row = row
    for n, heading in enumerate(INDICATOR_HEADINGS, start=1):
        grid.put(row, n, heading)
    row += 1
    for line in layout.indicators:
        if line.level1_span:
            grid.put(row, 1, line.level1, down=line.level1_span)
        if line.level2_span:
            grid.put(row, 2, line.level2, down=line.level2_span)
        grid.put(row, 3, line.name, align="left")
        grid.put(row, 4, line.target)
        grid.put(row, 5, line.actual)
        grid.put(row, 6, line.weight)
        grid.put(row, 7, line.score)
        grid.put(row, 8, line.reason, align="left")
        row += 1
    grid.put(row, 1, "总分", to=5)
    grid.put(row, 6, layout.total_weight)
    grid.put(row, 7, layout.total)
    grid.put(row, 8, "")
    grid.put(row + 1, 1, "评分等级", to=5)
    grid.put(row + 1, 6, layout.grade, to=8)
    grid.finish()
    # The indicator headings repeat on every page of a long form (Excel and LibreOffice print
    # title rows only from the page after they first appear, so page 1 is not doubled), and the
    # project's name heads every page: which form a loose page belongs to.
    _print_setup(sheet, f"{heading_row}:{heading_row}", header=layout.project)


def write_summary_sheet(sheet: Worksheet, summary: Summary, warnings: list[str] | None = None,
                        title: str = SUMMARY_TITLE) -> None:
    """Row 1 the title, row 2 the headings (both repeated on every printed page), then a row per
    form, the total row, and the grade counts."""
    from openpyxl.styles import Font  # noqa: PLC0415

    widths = tuple(max(8, min(40, max(display_width(c.text) for c in column) + 2))
                   for column in zip(_heading_cells(summary), *summary.rows, summary.total, strict=True))
    grid = _Grid(sheet, widths, warnings)
    grid.put(1, 1, title, to=len(widths), border=False)
    sheet["A1"].font = Font(name=FONT_NAME, size=14, bold=True)
    grid.heights[1] = 26
    for n, heading in enumerate(summary.headings, start=1):
        grid.put(2, n, heading, bold=True)
    for r, cells in enumerate([*summary.rows, summary.total], start=3):
        for n, value in enumerate(cells, start=1):
            grid.put(r, n, value, align="left" if n == 1 else "center")
    row = 4 + len(summary.rows)
    for line in _notes(summary):
        row += 1
        grid.put(row, 1, line, to=len(widths), align="left", border=False)
    grid.finish()
    _print_setup(sheet, "1:2", landscape=True)


def _heading_cells(summary: Summary) -> list[Cell]:
    return [Cell(h) for h in summary.headings]


def _notes(summary: Summary) -> Iterable[str]:
    yield grade_line(summary)
    if summary.note:
        yield summary.note


HEADER_MAX = 200  # Excel refuses a header over 255 characters, codes included


def _print_setup(sheet: Any, title_rows: str, landscape: bool = False, header: str = "") -> None:
    """A4, fit to one page wide (as many pages tall as needed), centred, repeated title rows, and
    a page header (the project) and footer (第 N 页，共 M 页)."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.print_title_rows = title_rows
    if header:
        text = xlsx_text(header)[:HEADER_MAX].replace("&", "&&")  # & starts a header code
        sheet.oddHeader.center.text = text
        sheet.oddHeader.center.size = 9
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddFooter.center.size = 9
