"""A fast reader for the one TOML shape jixiao writes; anything it does not recognise goes to tomllib.

Why: pure-Python tomllib is over half of what `jixiao validate` spends on a form. A form file as
`models.toml_io.dumps_form` writes it (and as most hand edits leave it) is a sequence of lines of
a few kinds: blank, comment, `[table]`, `[table.row]`, `[[array]]`, and `key = value` with a bare
key and a one-line string, an integer, a decimal number or a boolean. One regular expression
finds all of them in one call (`findall`, in C), which reads a form about three times faster than
tomllib; the Python work left is one short step per line.

The contract is strict: `read_canonical(text).data` is exactly what
`tomllib.loads(text, parse_float=Decimal)` returns (same keys in the same order, same types and
values), or the reading is None, and then the caller asks tomllib, whose result or error is the
report. It returns None at the first thing outside its small grammar (a quoted or dotted key, a
literal or multi-line string, an exponent, an underscore or a plus sign in a number, a date, an
inline array or table, a duplicate key or table, a table defined in a way TOML allows but jixiao
never writes…), so it can never accept a file tomllib rejects or read one differently.
tests/test_canonical_toml.py compares the two on the sample forms, the bench corpus, forms
written by jixiao's own writer and hostile mutations of them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

_KEY = r"[A-Za-z0-9_-]+"
# TOML forbids the ASCII control characters except tab in comments and strings (CRLF is made LF
# first, as tomllib does; a lone CR is refused).
_PLAIN_CHAR = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
_ESCAPE = r'\\(?:[btnfr"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})'
# A multi-line string may also hold newlines, and one or two quotes not followed by another.
_MULTILINE_CHAR = r'[^"\\\x00-\x08\x0b-\x1f\x7f]|"{1,2}(?!")'
# One line, any of its kinds (with a multi-line string: the lines it spans); nothing else in it can
# match a newline, so each line start not inside a string gives exactly one match when the line is
# in the grammar and none when it is not (read_canonical counts them).
# The blanks around a line are possessive (`*+`): when a line is not in the grammar, a regex free to
# split a run of n blanks between the two would try every split, n² steps per line.
_LINE = re.compile(
    rf"""
    ^ [ \t]*+
    (?:
        ({_KEY}) [ \t]* = [ \t]*
        (?:
            "({_PLAIN_CHAR}*)"
          | "((?:{_PLAIN_CHAR}|{_ESCAPE})*)"
          | \"\"\"(\n?)((?:{_MULTILINE_CHAR}|{_ESCAPE})*)\"\"\"
          | (-?(?:0|[1-9][0-9]{{0,17}})(?:\.[0-9]{{1,30}})?)
          | (true|false)
        )
      | \[({_KEY})(?:\.({_KEY}))?\]
      | \[\[({_KEY})\]\]
    )?
    [ \t]*+ (?:\#[^\x00-\x08\x0a-\x1f\x7f]*)? $
    """,
    re.VERBOSE | re.MULTILINE,
)
# A form of 500 indicators (the editor's cap) is about 6,000 lines.
_MOST_LINES = 50_000
_ESCAPES = re.compile(_ESCAPE)
_SHORT_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}

# key, plain, escaped, a multi-line string's first newline (TOML drops it) and text, number, boolean, table, row, array
_Line = tuple[str, str, str, str, str, str, str, str, str, str]


class _NotCanonical(Exception):
    """Text outside this reader's grammar: tomllib reads it."""


class CanonicalReading:
    """A text read by this module: its data, and where each table and key is when asked."""

    def __init__(self, data: dict[str, Any], lines: list[_Line], text: str) -> None:
        self.data = data  # what tomllib.loads(text, parse_float=Decimal) returns
        self._lines = lines
        self._text = text

    def lines(self) -> dict[str, int] | None:
        """The 1-based line of each table and key, exactly as locations.line_index gives them; None
        when the text holds a multi-line string delimiter (in a comment: line_index may read it
        as the start of a string)."""
        if '"""' in self._text or "'''" in self._text:
            return None
        # Every path is met once (a duplicate key or table was declined when reading), except an
        # array's name, which keeps its first line.
        found: dict[str, int] = {}
        counts: dict[str, int] = {}
        prefix = ""
        for number, (key, _, _, _, _, _, _, name, row, array) in enumerate(self._lines, start=1):
            if key:
                found[prefix + key] = number
                continue
            if array:
                counts[array] = counts.get(array, -1) + 1
                found.setdefault(array, number)
                path = f"{array}[{counts[array]}]"
            elif name:
                path = f"{name}.{row}" if row else name
            else:
                continue
            found[path] = number
            prefix = path + "."
        return found


def read_canonical(text: str) -> CanonicalReading | None:
    """What `tomllib.loads(text, parse_float=Decimal)` returns, or None when tomllib must read `text`."""
    lf = text.replace("\r\n", "\n")
    starts = lf.count("\n") + 1
    if starts > _MOST_LINES:
        return None  # findall's ten strings a line would cost hundreds of MB; no form has that many lines
    lines: list[_Line] = _LINE.findall(lf)
    if '"""' in lf:  # the lines inside multi-line strings are no line starts of their own
        starts -= sum(len(first) + string.count("\n") for _, _, _, first, string, *_ in lines)
    if len(lines) != starts:
        return None  # a line outside the grammar (findall passed over it)
    try:
        return CanonicalReading(_tables(lines), lines, text)
    except _NotCanonical:
        return None


def _tables(lines: list[_Line]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    arrays: set[str] = set()  # top-level keys made by [[key]]
    implicit: set[str] = set()  # top-level tables made only by [key.row] headers
    table = root
    for key, plain, escaped, _, multiline, number, boolean, name, row, array in lines:
        if key:
            if key in table:
                raise _NotCanonical  # a duplicate key: tomllib's error
            if number:
                table[key] = Decimal(number) if "." in number else int(number)
            elif escaped:
                table[key] = _unescape(escaped)
            elif multiline:
                table[key] = _unescape(multiline) if "\\" in multiline else multiline
            elif boolean:
                table[key] = boolean == "true"
            else:
                table[key] = plain
        elif array:
            if array in arrays:
                root[array].append(table := {})
            elif array in root:
                raise _NotCanonical
            else:
                arrays.add(array)
                root[array] = [table := {}]
        elif not name:
            continue  # blank or comment
        elif not row:
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


def _unescape(text: str) -> str:
    return _ESCAPES.sub(_escaped_character, text)


def _escaped_character(escape: re.Match[str]) -> str:
    code = escape.group()[1:]
    if len(code) == 1:
        return _SHORT_ESCAPES[code]
    value = int(code[1:], 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise _NotCanonical  # not a Unicode scalar value: tomllib's error
    return chr(value)
