"""Where Chinese text may break into lines: between any two characters, with the usual 禁则.

Textual breaks lines only at spaces, so a paragraph of Chinese is one "word": it is pushed
whole onto the next line and then chopped (`…集中培` / `训`), and lines can begin with `，`.
`line_breaks` is the one rule for every place the editor wraps text; `install` plugs it into
the two places Textual (pinned in pyproject.toml) computes line breaks: `Content` (labels,
dialogs, the problems list, help, notifications) and the TextArea's wrapped document (the goals
and 偏差原因 fields). tests/test_cjk_wrap.py renders real widgets, so an upgrade that moves
those hooks fails a test instead of silently wrapping the old way.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, get_character_cell_size

# 禁则: characters that may not begin a line (closing marks and pauses) ...
NO_LINE_START = frozenset("，。；：、！？）」』》〉】〕”’…—～·%‰,.;:!?)]}>")
# ... and characters that may not end one (opening marks).
NO_LINE_END = frozenset("（「『《〈【〔“‘([{<")


def _units(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unbreakable piece: a wide (CJK) character or a run of narrow ones.

    Spaces belong to the piece before them: a line may end in spaces, never begin with them
    (except the text's own leading spaces, a piece of their own).
    """
    units: list[tuple[int, int]] = []
    index, length = 0, len(text)
    while index < length:
        start = index
        if text[index].isspace():
            pass  # leading spaces only: later spaces were taken by the piece before them
        elif get_character_cell_size(text[index]) == 2:
            index += 1
        else:
            while index < length and not text[index].isspace() and get_character_cell_size(text[index]) != 2:
                index += 1
        while index < length and text[index].isspace():
            index += 1
        units.append((start, index))
    return units


def _groups(text: str) -> list[tuple[int, int]]:
    """Units glued together where a break between them would break a 禁则 rule."""
    groups: list[tuple[int, int]] = []
    for start, end in _units(text):
        if groups:
            previous_start, previous_end = groups[-1]
            ends_open = text[previous_start:previous_end].rstrip()[-1:] in NO_LINE_END
            starts_closed = text[start] in NO_LINE_START
            if ends_open or starts_closed or text[previous_start:previous_end].isspace():
                groups[-1] = (previous_start, end)
                continue
        groups.append((start, end))
    return groups


def line_breaks(text: str, width: int, *, fold: bool = True, keep_spaces: bool = False) -> list[int]:
    """Indices of `text` where new lines start so that each line fits `width` cells.

    Breaks go between any two Chinese characters and at spaces, never before a closing mark
    (，。；：、！？）」』》 …) nor after an opening one (（「『《 …). A piece wider than a whole line
    is folded by characters (`fold`) or left to be cropped. `keep_spaces`: the spaces at the end
    of a line must fit too (a text area, whose cursor can stand after them).
    """
    if width <= 0 or cell_len(text if keep_spaces else text.rstrip()) <= width:
        return []  # it fits (most labels and every form-list line): no piece would start a new line
    breaks: list[int] = []
    used = 0
    for start, end in _groups(text):
        piece = text[start:end]
        needed = cell_len(piece if keep_spaces else piece.rstrip())
        if used + needed <= width:
            used += cell_len(piece)
            continue
        if needed <= width or not fold:
            if used and start:
                breaks.append(start)
            used = cell_len(piece)
            continue
        # Wider than a line: start it on the current line if there is room, then fold it.
        for index, char in enumerate(piece, start):
            size = get_character_cell_size(char)
            if used + size > width and not (char.isspace() and not keep_spaces):
                if index:
                    breaks.append(index)
                used = 0
            used += size
    return breaks


def text_area_breaks(original: Callable[..., list[int]]) -> Callable[..., list[int]]:
    """`line_breaks` with the signature of Textual's compute_wrap_offsets (tabs: Textual's own rule)."""

    def compute_wrap_offsets(text: str, width: int, tab_size: int, fold: bool = True,
                             precomputed_tab_sections: list[tuple[str, int]] | None = None) -> list[int]:
        if "\t" in text:
            return original(text, width, tab_size, fold, precomputed_tab_sections)
        return line_breaks(text, width, fold=fold, keep_spaces=True)

    return compute_wrap_offsets


def _content_breaks(text: str, width: int, fold: bool = True) -> list[int]:
    return line_breaks(text, width, fold=fold)


def install() -> None:
    """Make every text Textual draws in this process wrap by `line_breaks` (idempotent)."""
    import textual.content
    from textual.document import _wrapped_document

    # The names are looked up in these modules at each call; neither module exports them as API.
    hooks = vars(textual.content), vars(_wrapped_document)
    hooks[0]["divide_line"] = _content_breaks
    current = hooks[1]["compute_wrap_offsets"]
    if getattr(current, "__qualname__", "").startswith("text_area_breaks"):
        return
    hooks[1]["compute_wrap_offsets"] = text_area_breaks(current)
