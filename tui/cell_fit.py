"""Shortening a text to a number of terminal cells (a Chinese character takes two).

`fit_middle` keeps both ends of a file name: forms of one project differ at the end
(`…经费.toml` and `…经费-修订.toml`), which an ellipsis at the end would hide.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

ELLIPSIS = "…"


def _head(text: str, cells: int) -> str:
    """The longest start of `text` that fits `cells`."""
    used = 0
    for index, char in enumerate(text):
        used += get_character_cell_size(char)
        if used > cells:
            return text[:index]
    return text


def fit_end(text: str, cells: int) -> str:
    """`text`, or its start and … when it is wider than `cells`."""
    if cell_len(text) <= cells:
        return text
    return _head(text, max(cells - 1, 0)) + ELLIPSIS


def fit_middle(text: str, cells: int) -> str:
    """`text`, or its start, … and its end (the larger part) when it is wider than `cells`."""
    if cell_len(text) <= cells:
        return text
    room = max(cells - 1, 0)
    tail_room = room - room * 2 // 5
    tail = _head(text[::-1], tail_room)[::-1]
    head = _head(text, room - cell_len(tail))
    return head + ELLIPSIS + tail
