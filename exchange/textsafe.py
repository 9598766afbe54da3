"""Text that spreadsheets must not mistake for something else, and widths of Chinese text.

A cell that begins with `=`, `+`, `-` or `@` runs as a formula when Excel or WPS opens a CSV file
(formula injection: a project name `=HYPERLINK(...)`); in CSV such text gets a leading apostrophe,
which both programs hide and treat as "this is text". XLSX cells are written as typed text
instead (see xlsx.py), so their value stays exactly the form's.
"""

from __future__ import annotations

import re
import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
# Control characters an XLSX cannot hold (XML 1.0), and DEL, which no one means to print.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SHEET_NAME_MAX = 31  # Excel refuses longer sheet names; it counts UTF-16 units (𠀀 counts two)
RESERVED_SHEET_NAMES = frozenset({"history"})  # Excel keeps "History" for change tracking
CELL_MAX = 32767  # Excel's limit for the text of one cell, in UTF-16 units


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A text cell for CSV: a leading apostrophe when the text could run as a formula."""
    return "'" + text if starts_like_formula(text) else text


def visible_text(text: str) -> str:
    """A control character (legal in TOML, not in XML, invisible in print) as its Unicode picture
    (\\x01 → ␁, DEL → ␡) instead of breaking an XLSX or hiding in an HTML page; tab and line
    breaks stay."""
    return _INVISIBLE.sub(lambda m: "␡" if m.group() == "\x7f" else chr(0x2400 + ord(m.group())), text)


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: control characters made visible (visible_text)."""
    return visible_text(text)


def fit_cell(text: str) -> tuple[str, bool]:
    """Text cut to what an Excel cell holds (CELL_MAX UTF-16 units) with a visible marker at the
    end, and whether it was cut (the caller warns: a cell that ends early must not pass unnoticed)."""
    if utf16_length(text) <= CELL_MAX:
        return text, False
    marker = "……（超出 Excel 单元格 32767 字的上限，以下从略）"
    return _utf16_prefix(text, CELL_MAX - utf16_length(marker)) + marker, True


def utf16_length(text: str) -> int:
    """Length as Excel counts it: a character outside the BMP (𠀀) is two UTF-16 units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _utf16_prefix(text: str, units: int) -> str:
    """The longest prefix of `text` of at most `units` UTF-16 units (never half a character)."""
    used = 0
    for n, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > units:
            return text[:n]
    return text


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or a spreadsheet cell: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_names(titles: list[str], reserved: set[str]) -> list[str]:
    """One valid, distinct Excel sheet name per title: forbidden characters replaced, at most 31
    UTF-16 units, no apostrophe at either end, distinct ignoring case, none of `reserved` nor
    Excel's own History."""
    taken = {name.casefold() for name in reserved} | RESERVED_SHEET_NAMES
    names = []
    for n, title in enumerate(titles, start=1):
        base = _SHEET_FORBIDDEN.sub("_", title).strip().strip("'").strip() or f"表单{n}"
        name = _utf16_prefix(base, SHEET_NAME_MAX).rstrip("'")
        copy = 1
        while name.casefold() in taken:
            copy += 1
            suffix = f"({copy})"
            name = _utf16_prefix(base, SHEET_NAME_MAX - len(suffix)).rstrip("'") + suffix
        taken.add(name.casefold())
        names.append(name)
    return names
