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
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

from .limits import MAX_SHEET_CELLS, check_workbook_package, refuse
from .reading.grid import Cell, Grid

_FORMULA_CELL = re.compile(rb'<c\s[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>\s*<f(?:\s[^>]*)?>([^<]*)</f>')
_DECIMALS = re.compile(r"0\.(0+)")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def read_workbook(path: Path) -> list[Grid]:
    """A grid per worksheet; FileRefused for a file that is not a readable workbook."""
    check_workbook_package(path)
    import openpyxl  # type: ignore[import-untyped]  # noqa: PLC0415 (only the commands that read workbooks pay for it)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns in English about extensions it skips
            book = openpyxl.load_workbook(path, data_only=True)
        formulas = _formulas(path)
    except Exception as error:  # openpyxl raises many kinds for a damaged package
        raise refuse("E010", f"无法读取工作簿（{type(error).__name__}），文件可能已损坏") from None
    return [_grid(sheet, formulas.get(sheet.title, {})) for sheet in book.worksheets]


def _grid(sheet: Any, formulas: dict[str, str]) -> Grid:
    # The cells that exist, not the sheet's nominal size: a sheet formatted down to row 1,048,576
    # holds no more cells than its data.
    cells: dict[tuple[int, int], Any] = sheet._cells
    if len(cells) > MAX_SHEET_CELLS:
        raise refuse("E012", f"工作表“{sheet.title}”有 {len(cells)} 个单元格，超过上限 {MAX_SHEET_CELLS}")
    merged = {}
    for area in sheet.merged_cells.ranges:
        for row in range(area.min_row, area.max_row + 1):
            merged[(row, area.min_col)] = area
            for column in range(area.min_col + 1, area.max_col + 1):
                merged[(row, column)] = None  # covered by the cell to its left
    anchors: dict[tuple[int, int], Cell] = {}
    rows: dict[int, list[Cell]] = {}
    coordinates = sorted(set(cells) | {k for k, v in merged.items() if v is not None})
    for row, column in coordinates:
        if (row, column) in merged and merged[(row, column)] is None:
            continue
        area = merged.get((row, column))
        if area is not None and row > area.min_row:  # the lower part of a cell merged down
            origin = anchors.get((area.min_row, area.min_col))
            if origin is not None:
                rows.setdefault(row, []).append(Cell(
                    origin.text, origin.x0, origin.x1, f"{sheet.title}!{_name(row, column)}", sheet.title,
                    origin.formula, continued=True, origin=origin,
                ))
            continue
        source = cells.get((row, column))
        text = _shown(source) if source is not None else ""
        formula = formulas.get(_name(row, column))
        if not text and formula is None:
            continue
        right = area.max_col + 1 if area is not None else column + 1
        cell = Cell(text, column, right, f"{sheet.title}!{_name(row, column)}", sheet.title, formula)
        anchors[(row, column)] = cell
        rows.setdefault(row, []).append(cell)
    return Grid(sheet.title, [rows[r] for r in sorted(rows)])


def _name(row: int, column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


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
    if decimals:
        number = number.quantize(Decimal(1).scaleb(-len(decimals.group(1))), rounding=ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    text = f"{number:f}"
    return text + "%" if percent else text


def _formulas(path: Path) -> dict[str, dict[str, str]]:
    """Sheet title → cell name → formula (without "="), read from the package's XML."""
    found: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(path) as package:
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
            if b"<f" not in xml:
                continue
            found[sheet.get("name", "")] = {
                name.decode(): html.unescape(formula.decode("utf-8")) for name, formula in _FORMULA_CELL.findall(xml)
            }
    return found
