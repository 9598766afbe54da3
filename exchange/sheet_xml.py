"""One pass over a worksheet's XML: every cell's value, its formula, and the merged areas.

openpyxl's read-only iteration builds objects for the sheet's print settings, views and
properties (most of its time on a one-page form), builds a Text object for every inline string,
drops the formulas under data_only, and skips the merged areas; reading those took a second pass
over the same XML. Here shared and inline strings and empty styled cells are read directly, as
openpyxl reads them, and every other cell goes through openpyxl's own `WorkSheetParser.parse_cell`
(numbers, dates in the workbook's epoch, booleans, errors), so the values are exactly the ones its
iteration gives (tests/importing/test_workbook_reader.py compares them cell by cell); the formulas
and merges are picked up on the way.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from xml.etree import ElementTree

from .limits import refuse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _FORMULA, _MERGE, _VALUE = f"{_MAIN}row", f"{_MAIN}f", f"{_MAIN}mergeCell", f"{_MAIN}v"
_INLINE, _TEXT, _RUN_TEXT = f"{_MAIN}is", f"{_MAIN}t", f"{_MAIN}r/{_MAIN}t"
_CELL_ELEMENT = re.compile(rb"<(?:\w+:)?c[\s/>]")  # every <c …>, an empty styled one too
_RANGE = re.compile(r"([A-Z]+[0-9]+):([A-Z]+[0-9]+)")

Place = tuple[int, int]  # (row, column), 1-based
Merge = tuple[int, int, int, int]  # (top, left, bottom, right)


@dataclass
class SheetXml:
    values: dict[Place, tuple[Any, int]] = field(default_factory=dict)  # → (value, style id); None values left out
    formulas: dict[Place, str] = field(default_factory=dict)  # → the formula without "="
    merges: list[Merge] = field(default_factory=list)


def read_sheet_xml(xml: bytes, parser: Any, title: str, cap: int) -> SheetXml:
    """The cells of one sheet; E012 when its cells and the cells its merged areas cover exceed `cap`.

    `parser` is an openpyxl `WorkSheetParser` set up with the workbook's shared strings and date
    formats. The cells are counted in the XML before any is converted (a styled empty cell counts:
    openpyxl reads each); the merged areas, which come after the cells in the XML, before any is
    filled. The stated dimension is not trusted: it may be anything."""
    count = len(_CELL_ELEMENT.findall(xml))
    if count > cap:
        raise _too_many(title, cap)
    found = SheetXml()
    # Streamed, each row dropped once read: a sheet at the cell cap must not be held whole.
    for _event, element in ElementTree.iterparse(io.BytesIO(xml)):
        tag = element.tag
        if tag == _ROW:
            number = element.get("r")
            parser.row_counter = _row_number(number) if number is not None else parser.row_counter + 1
            parser.col_counter = 0
            for child in element:
                _cell(child, parser, found)
            element.clear()
        elif tag == _MERGE:
            merge = _merge(element.get("ref", ""))
            if merge is not None:
                count += (merge[2] - merge[0] + 1) * (merge[3] - merge[1] + 1)
                if count > cap:
                    raise _too_many(title, cap)
                found.merges.append(merge)
    return found


def _cell(element: ElementTree.Element, parser: Any, found: SheetXml) -> None:
    """One <c>: the usual kinds read here (an empty styled cell, a shared or an inline string,
    as openpyxl reads them), any other through openpyxl's own parse_cell."""
    name = element.get("r")
    kind = element.get("t", "n")
    if name is None or (len(element) and kind not in ("s", "inlineStr")):
        cell = parser.parse_cell(element)  # numbers, dates, booleans, errors, formulas; a cell without its name
        place = cell["row"], cell["column"]
        if cell["value"] is not None:
            found.values[place] = cell["value"], cell["style_id"]
        formula = element.find(_FORMULA)
        if formula is not None and formula.text is not None:  # a shared formula's copies have none
            found.formulas[place] = formula.text
        return
    place = coordinates(name)
    parser.col_counter = place[1]  # for a following cell without its name
    if not len(element):
        return  # an empty styled cell
    value: str | None
    if kind == "s":
        index = element.findtext(_VALUE) or None
        value = None if index is None else parser.shared_strings[int(index)]
    else:
        inline = element.find(_INLINE)
        value = None if inline is None else "".join(
            [t.text for t in inline.iterfind(_TEXT) if t.text is not None]
            + [t.text for t in inline.iterfind(_RUN_TEXT) if t.text is not None])
    if value is not None:
        style = element.get("s")
        found.values[place] = value, int(style) if style else 0
    formula = element.find(_FORMULA)
    if formula is not None and formula.text is not None:
        found.formulas[place] = formula.text


def _row_number(text: str) -> int:
    """A row's r, as openpyxl reads it: 12 or 12.0; anything else is a damaged sheet."""
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if not number.is_integer():
            raise
        return int(number)


@lru_cache(maxsize=65536)
def coordinates(name: str) -> Place:
    """'AB12' → (12, 28)."""
    letters = name.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(name[len(letters):]), column


def _merge(ref: str) -> Merge | None:
    found = _RANGE.fullmatch(ref)
    if found is None:
        return None
    (top, left), (bottom, right) = coordinates(found.group(1)), coordinates(found.group(2))
    return min(top, bottom), min(left, right), max(top, bottom), max(left, right)


def _too_many(title: str, cap: int) -> Exception:
    return refuse("E012", f"工作表“{title}”的单元格超过上限 {cap} 个")
