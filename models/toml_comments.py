"""The comments a TOML text holds, found outside its strings (tomllib drops them without a trace).

Saving rewrites a hand-edited file in the standard layout: the question before it says that
comments will be lost only when the file has comments of its own.
"""

from __future__ import annotations


def _string_end(line: str, start: int, quote: str) -> int:
    """Where the string opened by `quote` before `start` ends on this line (after it), or -1."""
    index = start
    while True:
        end = line.find(quote, index)
        if end < 0:
            return -1
        backslashes = len(line[:end]) - len(line[:end].rstrip("\\"))
        if quote.startswith("'") or backslashes % 2 == 0:  # literal strings have no escapes
            return end + len(quote)
        index = end + 1


def toml_comments(text: str) -> list[str]:
    """Each comment's text (without its `#`, stripped), in order."""
    found: list[str] = []
    open_quote = ""  # the delimiter of a multi-line string still open at the end of a line
    for line in text.splitlines():
        index = 0
        while index < len(line):
            if open_quote:
                end = _string_end(line, index, open_quote)
                if end < 0:
                    break
                index, open_quote = end, ""
                continue
            char = line[index]
            if line.startswith(('"""', "'''"), index):
                open_quote, index = line[index:index + 3], index + 3
            elif char in "\"'":
                end = _string_end(line, index + 1, char)
                index = len(line) if end < 0 else end
            elif char == "#":
                found.append(line[index + 1:].strip())
                break
            else:
                index += 1
    return found
