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
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters an XLSX cannot hold
SHEET_NAME_MAX = 31  # Excel refuses longer sheet names


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """A text cell for CSV: a leading apostrophe when the text could run as a formula."""
    return "'" + text if starts_like_formula(text) else text


def xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: a control character (legal in TOML, not in the file's XML)
    becomes its visible Unicode picture (\\x01 → ␁) instead of making the export fail."""
    return _XML_FORBIDDEN.sub(lambda m: chr(0x2400 + ord(m.group())), text)


def display_width(text: str) -> int:
    """Columns a text takes in a terminal or a spreadsheet cell: CJK characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_names(titles: list[str], reserved: set[str]) -> list[str]:
    """One valid, distinct Excel sheet name per title: forbidden characters replaced, at most 31
    characters, no apostrophe at either end, distinct ignoring case, none of `reserved`."""
    taken = {name.casefold() for name in reserved}
    names = []
    for n, title in enumerate(titles, start=1):
        base = _SHEET_FORBIDDEN.sub("_", title).strip().strip("'").strip() or f"表单{n}"
        name = base[:SHEET_NAME_MAX]
        copy = 1
        while name.casefold() in taken:
            copy += 1
            suffix = f"({copy})"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names
