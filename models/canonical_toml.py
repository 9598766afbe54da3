"""A fast reader for the one TOML shape jixiao writes; anything it does not recognise goes to tomllib.

Why: pure-Python tomllib is over half of what `jixiao validate` spends on a form. A form file as
`models.toml_io.dumps_form` writes it (and as most hand edits leave it) is a sequence of lines of
a few kinds: blank, comment, `[table]`, `[table.row]`, `[[array]]`, and `key = value` with a bare
key and a string, integer, decimal number or boolean. One regular expression per line reads those
about ten times faster than tomllib.

The contract is strict: `read_canonical(text).data` is exactly what
`tomllib.loads(text, parse_float=Decimal)` returns (same keys in the same order, same types and
values), or the reading is None, and then the caller asks tomllib, whose result or error is the
report. On the way it notes the line of each table and key, which `models.locations.line_index`
would otherwise find in a second pass over a file with problems. It
returns None at the first thing outside its small grammar (a quoted or dotted key, a literal
string, an exponent, an underscore in a number, a date, an inline array or table, a line-ending
backslash, a duplicate key or table, a table defined in a way TOML allows but jixiao never
writes…), so it can never accept a file tomllib rejects or read one differently.
tests/test_canonical_toml.py compares the two on the sample forms, the bench corpus, forms
written by jixiao's own writer and hostile mutations of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

_KEY = r"[A-Za-z0-9_-]+"
# TOML forbids the ASCII control characters except tab in comments and one-line strings; a
# multi-line string may also hold newlines (CRLF is made LF first, as tomllib does).
_PLAIN_CHAR = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
_ESCAPE = r'\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
_MULTILINE_CHAR = r'[^"\\\x00-\x08\x0b-\x1f\x7f]|"{1,2}(?!")'
_LINE = re.compile(
    rf"""
    [ \t]*
    (?:
        (?P<key>{_KEY}) [ \t]* = [ \t]*
        (?:
            "(?P<plain>{_PLAIN_CHAR}*)"
          | "(?P<escaped>(?:{_PLAIN_CHAR}|{_ESCAPE})*)"
          | \"\"\"\n?(?P<multiline>(?:{_MULTILINE_CHAR}|{_ESCAPE})*)\"\"\"
          | (?P<decimal>-?(?:0|[1-9][0-9]{{0,30}})\.[0-9]{{1,30}})
          | (?P<integer>-?(?:0|[1-9][0-9]{{0,17}}))
          | (?P<boolean>true|false)
        )
      | \[(?P<table>{_KEY})(?:\.(?P<row>{_KEY}))?\]
      | \[\[(?P<array>{_KEY})\]\]
    )?
    [ \t]* (?:\#[^\x00-\x08\x0a-\x1f\x7f]*)? (?:\n|\Z)
    """,
    re.VERBOSE,
)
_ESCAPES = re.compile(_ESCAPE)
_SHORT_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class _NotCanonical(Exception):
    """Text outside this reader's grammar: tomllib reads it."""


@dataclass
class CanonicalReading:
    data: dict[str, Any]  # what tomllib.loads(text, parse_float=Decimal) returns
    # The 1-based line of each table and key, exactly as locations.line_index gives them, or None
    # when the text holds a multi-line string delimiter (line_index reads those its own way).
    lines: dict[str, int] | None


# Group numbers of _LINE: the last group a line closes says what the line is (Match.lastindex).
_PLAIN, _ESCAPED, _MULTILINE, _DECIMAL, _INTEGER, _BOOLEAN, _TABLE, _ROW, _ARRAY = range(2, 11)


def read_canonical(text: str) -> CanonicalReading | None:
    """What `tomllib.loads(text, parse_float=Decimal)` returns, with the lines of its keys, or None
    when tomllib must read `text`."""
    try:
        return _read(text.replace("\r\n", "\n"), '"""' not in text and "'''" not in text)
    except _NotCanonical:
        return None


def _read(text: str, with_lines: bool) -> CanonicalReading:
    root: dict[str, Any] = {}
    lines: dict[str, int] = {}
    arrays: set[str] = set()  # top-level keys made by [[key]]
    implicit: set[str] = set()  # top-level tables made only by [key.row] headers
    table = root
    prefix = ""  # the table's path in `lines`: "" at the top, "funds.current_year.", "indicators[2]."
    match = _LINE.match
    end = len(text)
    pos = 0
    number = 0
    while pos < end:
        found = match(text, pos)
        if found is None:
            raise _NotCanonical
        pos = found.end()
        number += 1
        kind = found.lastindex
        if kind is None:  # blank or comment
            continue
        if kind < _TABLE:
            key, value = found.group(1, kind)
            if key in table:
                raise _NotCanonical  # a duplicate key: tomllib's error
            if kind == _PLAIN:
                table[key] = value
            elif kind == _DECIMAL:
                table[key] = Decimal(value)
            else:
                table[key] = _other_value(kind, value)  # (no lines are kept when a multi-line string is read)
            if with_lines:
                lines.setdefault(prefix + key, number)
            continue
        if kind == _ARRAY:
            name = found.group(_ARRAY)
            if name in arrays:
                items = root[name]
                items.append(table := {})
            elif name in root:
                raise _NotCanonical
            else:
                arrays.add(name)
                root[name] = items = [table := {}]
            path = f"{name}[{len(items) - 1}]"
            lines.setdefault(name, number)
        elif kind == _TABLE:
            path = name = found.group(_TABLE)
            if name in root:
                raise _NotCanonical  # TOML allows [a] after [a.b] once; jixiao never writes it
            root[name] = table = {}
        else:
            name, row = found.group(_TABLE, _ROW)
            if name in implicit:
                rows = root[name]
                if row in rows:
                    raise _NotCanonical
                rows[row] = table = {}
            elif name in root:
                raise _NotCanonical  # [a.b] inside an [a] or [[a]]: valid TOML, not jixiao's shape
            else:
                implicit.add(name)
                root[name] = {row: (table := {})}
            path = f"{name}.{row}"
        lines.setdefault(path, number)
        prefix = path + "."
    return CanonicalReading(root, lines if with_lines else None)


def _other_value(kind: int, value: str) -> Any:
    if kind == _INTEGER:
        return int(value)
    if kind == _BOOLEAN:
        return value == "true"
    return _unescape(value)  # a one-line string with escapes, or a multi-line string


def _unescape(text: str) -> str:
    return _ESCAPES.sub(_escaped_character, text) if "\\" in text else text


def _escaped_character(escape: re.Match[str]) -> str:
    code = escape.group()[1:]
    if len(code) == 1:
        return _SHORT_ESCAPES[code]
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise _NotCanonical  # not a Unicode scalar value: tomllib's error
    return chr(value)
