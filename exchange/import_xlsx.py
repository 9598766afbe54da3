"""Excel workbooks (.xlsx) → grids, one per sheet, for the shared locator.

Values are what Excel last showed: formula cells by their cached values (openpyxl's data_only),
never evaluated here. The formulas themselves are kept only to recognise a target a clerk typed
as `=100%`, which Excel keeps as a formula, and to name a formula that has no cached value.
Each sheet's XML is read once (sheet_xml.py).
"""

from __future__ import annotations

import datetime
import re
import warnings
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .layout import META_SHEET
from .limits import MAX_SHEET_CELLS, FileRefused, open_workbook_package, refuse
from .reading.grid import Cell, Grid
from .sheet_xml import SheetXml, read_sheet_xml
from .workbook_xml import WorkbookXml, read_workbook_xml
from .xlsx import SUMMARY_SHEET

_DECIMALS = re.compile(r"0\.(0+)")
_DAMAGED = "无法读取工作簿：文件已损坏或不是 Excel 文件"  # the exception's own (English) name is not the user's business


def read_workbook(path: Path) -> list[Grid]:
    """A grid per worksheet; FileRefused for a file that is not a readable workbook."""
    with open_workbook_package(path) as package:
        try:
            book = read_workbook_xml(package)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns in English (a date out of range); the cell still reads
                read = {title: _read_sheet(package.read(part), title, book) for title, part in book.sheets.items()}
        except FileRefused:
            raise
        except Exception:  # zipfile, the XML parser and openpyxl raise many kinds for a damaged package
            raise refuse("E010", _DAMAGED) from None
    notes = _export_notes(read.pop(META_SHEET, None))
    if notes:  # jixiao's own export: its summary sheet is derived from the forms
        read.pop(SUMMARY_SHEET, None)
    grids = [_grid(title, cells, book) for title, cells in read.items()]
    for grid in grids:
        grid.meta = notes.get(grid.where, {})
    return grids


def _read_sheet(xml: bytes, title: str, book: WorkbookXml) -> SheetXml:
    """One sheet's cells, converted by openpyxl's own cell reader (what its read-only iteration uses)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH  # noqa: PLC0415
    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415 (only the commands that read workbooks pay for it)

    parser = WorkSheetParser(None, book.strings, data_only=True, epoch=CALENDAR_MAC_1904 if book.date1904 else WINDOWS_EPOCH,
                             date_formats=book.date_styles, timedelta_formats=book.timedelta_styles)
    return read_sheet_xml(xml, parser, title, MAX_SHEET_CELLS)


def _export_notes(sheet: SheetXml | None) -> dict[str, dict[str, str]]:
    """The hidden sheet where jixiao's export keeps what the official layout cannot show
    (rule_set, score_source …): rows of sheet name, key, value."""
    notes: dict[str, dict[str, str]] = {}
    if sheet is None:
        return notes
    values = sheet.values
    for row in sorted({r for r, _ in values if r >= 2}):
        name, key, value = (values.get((row, column), (None, 0))[0] for column in (1, 2, 3))
        if name is not None and key is not None:
            notes.setdefault(str(name), {})[str(key)] = "" if value is None else str(value)
    return notes


def _grid(title: str, sheet: SheetXml, book: WorkbookXml) -> Grid:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 (its letters are cached: this names every cell)

    def _name(row: int, column: int) -> str:
        return f"{get_column_letter(column)}{row}"

    cells = sheet.values
    formula_cells = sheet.formulas
    used = cells.keys() | formula_cells.keys()
    last_row = max((r for r, _ in used), default=0)
    last_column = max((c for _, c in used), default=0)
    merged: dict[tuple[int, int], tuple[int, int, int, int] | None] = {}
    for top, left, bottom, right in sheet.merges:  # clipped to the used range: beyond it nothing is shown
        if top > last_row or left > last_column:
            continue
        merge = top, left, min(bottom, last_row), min(right, last_column)
        bottom, right = merge[2], merge[3]
        for row_number in range(top, bottom + 1):
            merged[(row_number, left)] = merge
            for column in range(left + 1, right + 1):
                merged[(row_number, column)] = None  # covered by the cell to its left
    anchors: dict[tuple[int, int], Cell] = {}
    rows: dict[int, list[Cell]] = {}
    coordinates = sorted(used | {k for k, v in merged.items() if v is not None})
    for row_number, column in coordinates:
        if (row_number, column) in merged and merged[(row_number, column)] is None:
            continue
        area = merged.get((row_number, column))
        name = f"{title}!{_name(row_number, column)}"
        if area is not None and row_number > area[0]:  # the lower part of a cell merged down
            origin = anchors.get((area[0], area[1]))
            if origin is not None:
                rows.setdefault(row_number, []).append(Cell(
                    origin.text, origin.x0, origin.x1, name, title, origin.formula, continued=True, origin=origin,
                ))
            continue
        source = cells.get((row_number, column))
        text = _shown(source[0], book.number_format(source[1])) if source is not None else ""
        formula = formula_cells.get((row_number, column))
        if not text and formula is None:
            continue
        right = area[3] + 1 if area is not None else column + 1
        cell = Cell(text, column, right, name, title, formula)
        anchors[(row_number, column)] = cell
        rows.setdefault(row_number, []).append(cell)
    return Grid(title, [rows[r] for r in sorted(rows)])


def _shown(value: Any, number_format: str) -> str:
    """The value as Excel shows it: numbers with their format's decimals, a percentage as 100%."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number_text(value, number_format)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    return str(value)


def _number_text(value: float, number_format: str) -> str:
    number = Decimal(value) if isinstance(value, int) else Decimal(format(value, ".15g"))
    percent = "%" in number_format
    if percent:
        number *= 100
    decimals = _DECIMALS.search(number_format)
    try:
        if decimals:
            number = number.quantize(Decimal(1).scaleb(-len(decimals.group(1))), rounding=ROUND_HALF_UP)
        elif number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    except InvalidOperation:  # 1e300 has no place in a form: shown whole, the reader reports that cell
        pass
    text = f"{number:f}"
    return text + "%" if percent else text
