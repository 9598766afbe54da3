"""Places in a form: the path of a field ("indicators[0].score"), its Chinese label, its line in a file."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from .form import (
    FUND_COLUMN_LABELS,
    Form,
    Goals,
    Indicator,
    StoredFigures,
)
from .layouts import ALL_ROW_LABELS, Layout

_T = TypeVar("_T", int, str)  # a line, or a place such as "自评表!G6"
_TOP = {name: info.title or name for name, info in Form.model_fields.items()}
_TABLE_FIELDS: dict[str, dict[str, str]] = {
    "funds": FUND_COLUMN_LABELS,
    "goals": {n: i.title or n for n, i in Goals.model_fields.items()},
    "indicators": {n: i.title or n for n, i in Indicator.model_fields.items()},
    "figures": {n: i.title or n for n, i in StoredFigures.model_fields.items()},
}
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
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", where)
    words: list[str] = []
    table = ""
    for part in parts:
        if part.startswith("["):
            words.append(f"第 {int(part[1:-1]) + 1} 条")
        elif not words:
            table = part
            words.append(_TOP.get(part, part))
        elif table == "funds" and layout is not None and part in layout.rows:
            words.append(layout.rows[part])
        elif table == "funds" and layout is not None and part in FUND_COLUMN_LABELS:
            words.append(layout.column_label(part))
        elif table == "funds" and part in ALL_ROW_LABELS:
            words.append(ALL_ROW_LABELS[part])
        else:
            words.append(_TABLE_FIELDS.get(table, {}).get(part, part))
    return "·".join(words)


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
