"""Places in a form: the path of a field ("indicators[0].score"), its Chinese label, its line in a file."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from .address import TABLE_FIELDS as _TABLE_FIELDS
from .address import TOP_FIELDS as _TOP
from .address import Address
from .form import FUND_COLUMN_LABELS
from .layouts import ALL_ROW_LABELS, Layout

_T = TypeVar("_T", int, str)  # a line, or a place such as "自评表!G6"
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_MULTILINE_VALUE = re.compile(r"""^\s*[^#=\s][^=]*=\s*("{3}|'{3})(.*)$""")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def where_from_loc(loc: Sequence[str | int]) -> str:
    """('indicators', 0, 'score') → 'indicators[0].score'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def known_keys(loc: Sequence[str | int]) -> list[str]:
    """The keys the format allows in the table at `loc` (for 'did you mean' hints)."""
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return list(_TOP)
    if names[0] == "funds":
        return list(ALL_ROW_LABELS) if len(names) == 1 else list(FUND_COLUMN_LABELS)
    return list(_TABLE_FIELDS.get(names[0], {}))


def label(where: str, layout: Layout | None = None) -> str:
    """A Chinese name for a place: 'funds.current_year.executed' → '项目资金·当年财政拨款·全年执行数'.

    With the form's `layout`, fund rows and columns are named as that layout prints them
    (四川：项目资金·财政资金·调整后预算数).
    """
    return Address.parse(where).label_in(layout)


def line_index(text: str) -> dict[str, int]:
    """Map each table and key path of a TOML text to its 1-based line (best effort for odd layouts)."""
    index: dict[str, int] = {}
    table = ""
    counts: dict[str, int] = {}
    closing = ""  # delimiter of the multi-line string being skipped: only it ends the string
    # Only LF ends a line, as in TOML and editors: str.splitlines() would also split at U+2028,
    # U+0085 … that a string value may hold, and shift every line after it.
    for number, line in enumerate(text.split("\n"), start=1):
        if closing:
            if closing in line:  # unescaped, the delimiter can only end the string
                closing = ""
            continue
        header = _HEADER.match(line)
        if header:
            name = header.group(2).replace('"', "").replace(" ", "")
            if header.group(1) == "[[":
                counts[name] = counts.get(name, -1) + 1
                index.setdefault(name, number)
                name = f"{name}[{counts[name]}]"
            table = name
            index.setdefault(table, number)
        else:
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip("\"'")
                index.setdefault(f"{table}.{name}" if table else name, number)
        if '"""' in line or "'''" in line:
            closing = _opened_multiline(line)
    return index


def _opened_multiline(line: str) -> str:
    """The delimiter of a multi-line string that the value on `line` opens and leaves open, else ''."""
    value = _MULTILINE_VALUE.match(line)
    if not value or value.group(1) in value.group(2):
        return ""
    return value.group(1)


def find_line(index: Mapping[str, _T], where: str) -> _T | None:
    """The line (or any place: a workbook's cell) of `where`, or of the nearest enclosing table that
    the file has, or else the first line of that table's parts (a missing [funds.other] row, or the
    funds as a whole, is shown at the first [funds.…] table the file has)."""
    path = where
    while path:
        if path in index:
            return index[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    if not path:
        return None
    parts = [line for key, line in index.items() if key.startswith((f"{path}.", f"{path}["))]
    return min(parts) if parts else None
