"""Text from a form on one terminal line: line breaks and control characters a file may hold
(rule_set = "a\\nb", a pasted ESC sequence that would retitle or clear the terminal) shown escaped,
so that nothing reaches the terminal raw and each item stays on its line. Standard library only:
`validate` imports it before the models."""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    r"""`text` with every control character as its Python escape (\x1b, \n, \t)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)
