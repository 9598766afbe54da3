"""Label–field pairs in columns: the labels are drawn (Line API), the fields are the only widgets.

基本信息 and the indicator row editor were Grids of a Label beside each field: thirteen widgets
that only ever show fixed words, each styled, laid out and rendered with the screen. Here one
widget draws the words and places its fields (the children) beside them, at the columns the Grid
had (`grid-columns` resolved by Textual's own `resolve`, so every cell is where it was).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.text import Text
from textual._resolve import resolve
from textual.css.scalar import Scalar
from textual.strip import Strip
from textual.widget import Widget

GUTTER = 1  # blank cells between a label and its field, and between pairs


class FieldRows(Widget):
    """`labels[i]` is drawn before the i-th child; `pairs` pairs on a line (`narrow_pairs` on a narrow screen)."""

    DEFAULT_CSS = """
    FieldRows { height: auto; }
    FieldRows > * { position: absolute; }
    FieldRows > .field-rows--label { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"field-rows--label"}

    def __init__(self, labels: Sequence[str], label_width: int, pairs: int, narrow_pairs: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = tuple(labels)
        self.label_width = label_width
        self._pairs = (pairs, narrow_pairs)
        self._placed: tuple[int, int] | None = None  # (width, pairs) the children were placed for
        self._columns: list[tuple[int, int]] = []  # (offset, width) of each label and field column
        self._lines: dict[int, Strip] = {}
        self.styles.height = -(-len(self.labels) // pairs)

    @property
    def pairs(self) -> int:
        return self._pairs[1] if self.screen.has_class("-narrow") else self._pairs[0]

    def on_mount(self) -> None:
        self._place()

    def on_resize(self) -> None:
        self._place()

    def _place(self) -> None:
        width, pairs = self.size.width, self.pairs
        if (width, pairs) == self._placed:
            return
        self._placed = (width, pairs)
        scalars = [Scalar.parse(str(self.label_width)), Scalar.parse("1fr")] * pairs
        self._columns = resolve(scalars, width, GUTTER, self.size, self.app.size)
        lines = -(-len(self.labels) // pairs)
        if self.styles.height is None or self.styles.height.value != lines:
            self.styles.height = lines
        for index, child in enumerate(self.children):
            line, pair = divmod(index, pairs)
            offset, field_width = self._columns[2 * pair + 1]
            child.styles.offset = (offset, line)
            child.styles.width = field_width
        self._lines.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        line = self._lines.get(y)
        if line is None:
            line = self._lines[y] = self._draw(y)
        return line

    def _draw(self, y: int) -> Strip:
        base = self.rich_style
        label_style = base + self.get_component_rich_style("field-rows--label")
        pairs = self.pairs
        segments: list[Segment] = []
        x = 0
        for pair, label in enumerate(self.labels[y * pairs:(y + 1) * pairs]):
            offset, width = self._columns[2 * pair] if 2 * pair < len(self._columns) else (x, self.label_width)
            if offset > x:
                segments.append(Segment(" " * (offset - x), base))
            text = Text(label, no_wrap=True, overflow="crop")
            text.truncate(width, overflow="crop", pad=True)
            segments.extend(Segment(s.text, label_style + s.style if s.style else label_style) for s in text.render(self.app.console))
            x = offset + width
        return Strip(segments).adjust_cell_length(self.size.width, base)
