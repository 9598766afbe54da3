"""Excel workbooks (.xlsx) → grids, one per sheet, for the shared locator.

Values are what Excel last showed: formula cells by their cached values (openpyxl's data_only),
never evaluated here. The formulas themselves are read from the sheet XML only to recognise a
target a clerk typed as `=100%`, which Excel keeps as a formula.
"""

from __future__ import annotations

import datetime
import html
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

from .layout import META_SHEET
from .limits import MAX_SHEET_CELLS, FileRefused, open_workbook_package, refuse
from .reading.grid import Cell, Grid
from .xlsx import SUMMARY_SHEET

_FORMULA_CELL = re.compile(rb'<c\s[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?>([^<]*)</f>')
_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"')
_CELL_ELEMENT = re.compile(rb"<(?:\w+:)?c[\s/>]")  # every <c …>, an empty styled one too
_DECIMALS = re.compile(r"0\.(0+)")
_DAMAGED = "无法读取工作簿：文件已损坏或不是 Excel 文件"  # the exception's own (English) name is not the user's business
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def read_workbook(path: Path) -> list[Grid]:
    """A grid per worksheet; FileRefused for a file that is not a readable workbook."""
    import openpyxl  # noqa: PLC0415 (only the commands that read workbooks pay for it)

    with open_workbook_package(path) as package:
        try:
            parts = _sheet_parts(package)
        except FileRefused:
            raise
        except Exception:  # a package whose XML is damaged
            raise refuse("E010", _DAMAGED) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns in English about extensions it skips
            # Read-only: the values streamed as they are, without building styles for every merged
            # cell (most of openpyxl's time on a form); the merges come from the sheet XML.
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                sheets = {sheet.title: sheet for sheet in book.worksheets}
                notes = _export_notes(sheets.pop(META_SHEET, None))
                if notes:  # jixiao's own export: its summary sheet is derived from the forms
                    sheets.pop(SUMMARY_SHEET, None)
                grids = [_grid(sheet, *parts.get(title, ({}, []))) for title, sheet in sheets.items()]
            finally:
                book.close()
        for grid in grids:
            grid.meta = notes.get(grid.where, {})
        return grids
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds for a damaged package
        raise refuse("E010", _DAMAGED) from None


def _export_notes(sheet: Any) -> dict[str, dict[str, str]]:
    """The hidden sheet where jixiao's export keeps what the official layout cannot show
    (rule_set, score_source …): rows of sheet name, key, value."""
    notes: dict[str, dict[str, str]] = {}
    if sheet is None:
        return notes
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if len(row) >= 3 and row[0] is not None and row[1] is not None:
            notes.setdefault(str(row[0]), {})[str(row[1])] = "" if row[2] is None else str(row[2])
    return notes


def _grid(sheet: Any, formulas: dict[str, str], merges: list[tuple[int, int, int, int]]) -> Grid:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 (its letters are cached: this names every cell)

    def _name(row: int, column: int) -> str:
        return f"{get_column_letter(column)}{row}"

    cells: dict[tuple[int, int], Any] = {}
    sheet.reset_dimensions()  # the stated size may be a lie (A1:XFD1048576): read what is there
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                cells[(cell.row, cell.column)] = cell
        if len(cells) > MAX_SHEET_CELLS:
            raise refuse("E012", f"工作表“{sheet.title}”的单元格超过上限 {MAX_SHEET_CELLS} 个")
    formula_cells = {_coordinates(name) for name in formulas}
    used = cells.keys() | formula_cells
    last_row = max((r for r, _ in used), default=0)
    last_column = max((c for _, c in used), default=0)
    merged: dict[tuple[int, int], tuple[int, int, int, int] | None] = {}
    for top, left, bottom, right in merges:  # clipped to the used range: beyond it nothing is shown
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
    coordinates = sorted(set(cells) | formula_cells | {k for k, v in merged.items() if v is not None})
    for row_number, column in coordinates:
        if (row_number, column) in merged and merged[(row_number, column)] is None:
            continue
        area = merged.get((row_number, column))
        name = f"{sheet.title}!{_name(row_number, column)}"
        if area is not None and row_number > area[0]:  # the lower part of a cell merged down
            origin = anchors.get((area[0], area[1]))
            if origin is not None:
                rows.setdefault(row_number, []).append(Cell(
                    origin.text, origin.x0, origin.x1, name, sheet.title, origin.formula, continued=True, origin=origin,
                ))
            continue
        source = cells.get((row_number, column))
        text = _shown(source) if source is not None else ""
        formula = formulas.get(_name(row_number, column))
        if not text and formula is None:
            continue
        right = area[3] + 1 if area is not None else column + 1
        cell = Cell(text, column, right, name, sheet.title, formula)
        anchors[(row_number, column)] = cell
        rows.setdefault(row_number, []).append(cell)
    return Grid(sheet.title, [rows[r] for r in sorted(rows)])


def _shown(cell: Any) -> str:
    """The value as Excel shows it: numbers with their format's decimals, a percentage as 100%."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number_text(value, str(cell.number_format or ""))
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


def _coordinates(name: str) -> tuple[int, int]:
    """'AB12' → (12, 28)."""
    letters = name.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(name[len(letters):]), column


def _check_cell_count(title: str, xml: bytes, merges: list[tuple[int, int, int, int]]) -> None:
    """E012 before openpyxl reads a cell: the cells the sheet's XML holds (styled empty ones count,
    openpyxl would read each) and the cells its merged areas cover (the reader fills each of them)
    together above MAX_SHEET_CELLS. The stated dimension is not trusted: it may be anything."""
    count = len(_CELL_ELEMENT.findall(xml))
    for top, left, bottom, right in merges:
        count += (bottom - top + 1) * (right - left + 1)
        if count > MAX_SHEET_CELLS:
            break
    if count > MAX_SHEET_CELLS:
        raise refuse("E012", f"工作表“{title}”的单元格超过上限 {MAX_SHEET_CELLS} 个")


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, tuple[dict[str, str], list[tuple[int, int, int, int]]]]:
    """Sheet title → (cell name → formula without "=", merged areas as (top, left, bottom, right))."""
    found: dict[str, tuple[dict[str, str], list[tuple[int, int, int, int]]]] = {}
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PACKAGE_REL}Relationship")}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        try:
            xml = package.read(part)
        except KeyError:
            continue
        formulas = {} if b"<f" not in xml else {
            name.decode(): html.unescape(formula.decode("utf-8")) for name, formula in _FORMULA_CELL.findall(xml)
        }
        merges = []
        for first, last in _MERGE.findall(xml):
            (top, left), (bottom, right) = _coordinates(first.decode()), _coordinates(last.decode())
            merges.append((min(top, bottom), min(left, right), max(top, bottom), max(left, right)))
        title = sheet.get("name", "")
        _check_cell_count(title, xml, merges)
        found[title] = (formulas, merges)
    return found
