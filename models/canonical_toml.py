"""A fast reader for the one TOML shape jixiao writes; anything it does not recognise goes to tomllib.

Why: pure-Python tomllib is over half of what `jixiao validate` spends on a form. A form file as
`models.toml_io.dumps_form` writes it (and as most hand edits leave it) is a sequence of lines of
a few kinds: blank, comment, `[table]`, `[table.row]`, `[[array]]`, and `key = value` with a bare
key and a string, integer, decimal number or boolean. One regular expression per line reads those
about ten times faster than tomllib.

The contract is strict: `read_canonical(text)` returns exactly what
`tomllib.loads(text, parse_float=Decimal)` returns (same keys in the same order, same types and
values), or None, and then the caller asks tomllib, whose result or error is the report. It
returns None at the first thing outside its small grammar (a quoted or dotted key, a literal
string, an exponent, an underscore in a number, a date, an inline array or table, a line-ending
backslash, a duplicate key or table, a table defined in a way TOML allows but jixiao never
writes…), so it can never accept a file tomllib rejects or read one differently.
tests/test_canonical_toml.py compares the two on the sample forms, the bench corpus, forms
written by jixiao's own writer and hostile mutations of them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

_KEY = r"[A-Za-z0-9_-]+"
# TOML forbids the ASCII control characters except tab in comments and one-line strings; a
# multi-line string may also hold newlines (CRLF is made LF first, as tomllib does).
_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
_ESCAPE = r'\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
_MULTILINE_CHAR = r'[^"\\\x00-\x08\x0b-\x1f\x7f]|"{1,2}(?!")'
_LINE = re.compile(
    rf"""
    [ \t]*
    (?:
        (?P<key>{_KEY}) [ \t]* = [ \t]*
        (?:
            "(?P<plain>{_PLAIN}*)"
          | "(?P<escaped>(?:{_PLAIN}|{_ESCAPE})*)"
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


def read_canonical(text: str) -> dict[str, Any] | None:
    """What `tomllib.loads(text, parse_float=Decimal)` returns, or None when tomllib must read `text`."""
    try:
        return _read(text.replace("\r\n", "\n"))
    except _NotCanonical:
        return None


def _read(text: str) -> dict[str, Any]:
    root: dict[str, Any] = {}
    arrays: set[str] = set()  # top-level keys made by [[key]]
    implicit: set[str] = set()  # top-level tables made only by [key.row] headers
    table = root
    match = _LINE.match
    end = len(text)
    pos = 0
    while pos < end:
        found = match(text, pos)
        if found is None:
            raise _NotCanonical
        pos = found.end()
        key, plain, decimal = found.group("key", "plain", "decimal")
        if key is not None:
            if key in table:
                raise _NotCanonical  # a duplicate key: tomllib's error
            if plain is not None:
                table[key] = plain
            elif decimal is not None:
                table[key] = Decimal(decimal)
            else:
                table[key] = _other_value(found)
            continue
        name, row, array = found.group("table", "row", "array")
        if array is not None:
            if array in arrays:
                root[array].append(table := {})
            elif array in root:
                raise _NotCanonical
            else:
                arrays.add(array)
                root[array] = [table := {}]
        elif name is not None:
            if row is None:
                if name in root:
                    raise _NotCanonical  # TOML allows [a] after [a.b] once; jixiao never writes it
                root[name] = table = {}
            elif name in implicit:
                rows = root[name]
                if row in rows:
                    raise _NotCanonical
                rows[row] = table = {}
            elif name in root:
                raise _NotCanonical  # [a.b] inside an [a] or [[a]]: valid TOML, not jixiao's shape
            else:
                implicit.add(name)
                root[name] = {row: (table := {})}
    return root


def _other_value(found: re.Match[str]) -> Any:
    integer, escaped, multiline, boolean = found.group("integer", "escaped", "multiline", "boolean")
    if integer is not None:
        return int(integer)
    if escaped is not None:
        return _unescape(escaped)
    if multiline is not None:
        return _unescape(multiline)
    return boolean == "true"


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
