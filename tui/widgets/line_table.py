"""A read-only table drawn with Textual's Line API, repainting only the rows that change.

DataTable forgets every cached cell on any `update_cell` and repaints all visible rows; typing
into one indicator then cost a repaint of the whole table. Here each row's line is cached and a
changed row repaints one line. The header stays on the first line while the rows scroll.

A table wider than the screen scrolls sideways to the cursor (the header with it, marked ‹ ›
where columns are out of sight): the cursor never sits on a cell nobody can see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich.console import JustifyMethod
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


class Cell(NamedTuple):
    """A cell's text and how it is drawn. Kept plain: a rich Text per cell of every row (1,800 for
    200 indicators, ≈ 0.5 MiB) is made only when a row is drawn, and drawn rows are cached as lines."""

    text: str
    style: str = ""
    justify: JustifyMethod = "left"

    def rich(self) -> Text:
        return Text(self.text, style=self.style, justify=self.justify, no_wrap=True, overflow="ellipsis")


Cells = tuple[Cell, ...]
PADDING = 1  # blank cells on each side of a column
FLEX_LIMIT = 40  # the flex column grows to this width at most: a wide screen shows more columns instead


class LineTable(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    LineTable { height: auto; max-height: 15; overflow-x: hidden; }
    LineTable > .line-table--header { text-style: bold; color: $text-accent; }
    LineTable > .line-table--odd { background: $boost; }
    LineTable > .line-table--cursor { background: $accent 40%; text-style: bold; }
    LineTable:focus > .line-table--cursor { background: $accent; color: $text; }
    LineTable > .line-table--cursor-row { background: $accent 10%; }
    """
    COMPONENT_CLASSES = {"line-table--header", "line-table--odd", "line-table--cursor", "line-table--cursor-row"}
    BINDINGS = [
        Binding("up", "move(-1, 0)", "上一行", show=False, id="table.up"),
        Binding("down", "move(1, 0)", "下一行", show=False, id="table.down"),
        Binding("left", "move(0, -1)", "左一格", show=False, id="table.left"),
        Binding("right", "move(0, 1)", "右一格", show=False, id="table.right"),
        Binding("pageup", "page(-1)", "上一页", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "下一页", show=False, id="table.page_down"),
        Binding("home", "move(0, -1000000)", "本行第一格", show=False, id="table.home"),
        Binding("end", "move(0, 1000000)", "本行最后一格", show=False, id="table.end"),
        Binding("ctrl+home", "move_to(0, 0)", "第一格", show=False, id="table.first"),
        Binding("ctrl+end", "move_to(-1, -1)", "最后一格", show=False, id="table.last"),
    ]

    @dataclass
    class CursorMoved(Message):
        row: int
        column: int

    def __init__(self, columns: Sequence[tuple[str, str, int]], *, flex: str | None = None, id: str | None = None) -> None:
        """`columns`: (key, heading, width in cells); the `flex` column also takes the room left over."""
        super().__init__(id=id)
        self.columns = list(columns)
        self._base_widths = [width for _, _, width in columns]
        self._flex = next((i for i, (key, _, _) in enumerate(columns) if key == flex), None)
        self.cursor_row = 0
        self.cursor_column = 0
        self._rows: list[Cells] = []
        self._lines: dict[int, Strip] = {}  # row → its drawn line, until the row or the cursor changes
        self._width = sum(width + 2 * PADDING for _, _, width in self.columns)

    # --- columns -------------------------------------------------------------------------------
    def set_widths(self, widths: Sequence[int]) -> None:
        """Each column's least width (the flex column grows beyond it into the room left over)."""
        if list(widths) != self._base_widths:
            self._base_widths = list(widths)
            self._fit_columns()

    def _fit_columns(self) -> None:
        widths = list(self._base_widths)
        if self._flex is not None:
            room = self.scrollable_content_region.width - sum(w + 2 * PADDING for w in widths)
            widths[self._flex] += max(min(room, FLEX_LIMIT - widths[self._flex]), 0)
        if widths == [width for _, _, width in self.columns]:
            return
        self.columns = [(key, heading, width) for (key, heading, _), width in zip(self.columns, widths, strict=True)]
        self._width = sum(width + 2 * PADDING for width in widths)
        self._lines.clear()
        self.virtual_size = Size(self._width, len(self._rows) + 1)
        self._scroll_to_cursor()
        self.refresh()

    def on_resize(self) -> None:
        self._lines.clear()  # lines are drawn at least as wide as the table
        self._fit_columns()
        self._scroll_to_cursor()

    def column_span(self, column: int) -> tuple[int, int]:
        """Where a column starts and ends, in cells from the table's left edge."""
        start = sum(width + 2 * PADDING for _, _, width in self.columns[:column])
        return start, start + self.columns[column][2] + 2 * PADDING

    # --- content -------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_cell_at(self, row: int, column: int) -> Text:
        return self._rows[row][column].rich()

    def set_rows(self, rows: Sequence[Cells]) -> None:
        self._rows = list(rows)
        self._lines.clear()
        self.virtual_size = Size(self._width, len(self._rows) + 1)
        self.move_cursor(self.cursor_row, self.cursor_column)
        self.refresh()

    def set_row(self, row: int, cells: Cells) -> None:
        self._rows[row] = cells
        self._forget(row)

    def _forget(self, row: int) -> None:
        self._lines.pop(row, None)
        self.refresh_line(row + 1)

    # --- cursor --------------------------------------------------------------------------------
    def move_cursor(self, row: int | None = None, column: int | None = None) -> None:
        last_row = max(len(self._rows) - 1, 0)
        row = min(max(self.cursor_row if row is None else row, 0), last_row)
        column = min(max(self.cursor_column if column is None else column, 0), len(self.columns) - 1)
        before = self.cursor_row
        moved = (row, column) != (self.cursor_row, self.cursor_column)
        self.cursor_row, self.cursor_column = row, column
        if before < len(self._rows):
            self._forget(before)
        if row < len(self._rows):
            self._forget(row)
        self._scroll_to_cursor()
        if moved:
            self.post_message(self.CursorMoved(row, column))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)  # rows below the header
        top = self.scroll_offset.y
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)
        width, left = self._view_width, self.scroll_offset.x
        start, end = self.column_span(self.cursor_column)
        if width and start < left:
            self.scroll_to(x=start, animate=False, force=True)
        room = width - (1 if end < self._width else 0)  # a column with more to its right leaves a cell for ›
        if width and start >= left and end > left + room:  # to the first column start that shows it whole
            starts = [self.column_span(i)[0] for i in range(len(self.columns))]
            self.scroll_to(x=min((x for x in starts if x >= end - room), default=start), animate=False, force=True)

    def action_move(self, rows: int, columns: int) -> None:
        self.move_cursor(self.cursor_row + rows, self.cursor_column + columns)

    def action_page(self, pages: int) -> None:
        self.move_cursor(self.cursor_row + pages * max(self.size.height - 1, 1))

    def action_move_to(self, row: int, column: int) -> None:
        """To a row and column; -1 is the last."""
        self.move_cursor(row if row >= 0 else len(self._rows) - 1, column if column >= 0 else len(self.columns) - 1)

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and 0 <= row < len(self._rows):
            x, column = event.x + self.scroll_offset.x, 0
            for index, (_, _, width) in enumerate(self.columns):
                if x < width + 2 * PADDING:
                    column = index
                    break
                x -= width + 2 * PADDING
            self.move_cursor(row, column)

    def _on_focus(self, event: events.Focus) -> None:
        self._forget(self.cursor_row)  # the cursor cell is drawn brighter while focused

    def _on_blur(self, event: events.Blur) -> None:
        self._forget(self.cursor_row)

    # --- drawing -------------------------------------------------------------------------------
    @property
    def _view_width(self) -> int:
        """The cells the rows are seen in: beside the vertical scrollbar (many rows), not under it."""
        return self.scrollable_content_region.width

    def _seen_end(self, left: int, width: int) -> int:
        """Where the drawing stops: after the last column seen whole (a cut one would show its
        heading's first character over blank or partial figures), room kept for the › mark."""
        if left + width >= self._width:
            return left + width
        ends = (self.column_span(i)[1] for i in range(len(self.columns)))
        return max((end for end in ends if end <= left + width - 1), default=left)

    def render_line(self, y: int) -> Strip:
        width, left = self._view_width, self.scroll_offset.x
        if y == 0:
            return self._header(width, left)
        row = self.scroll_offset.y + y - 1
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        line = self._lines.get(row)
        if line is None:
            base = self.rich_style + (self.get_component_rich_style("line-table--odd") if row % 2 else Style())
            cursor = self.cursor_column if row == self.cursor_row else None
            if cursor is not None:
                base += self.get_component_rich_style("line-table--cursor-row")
            line = self._lines[row] = self._draw(self._rows[row], base, cursor, max(width, self._width))
        end = self._seen_end(left, width)
        if left or end != left + width or line.cell_length != width:
            return line.crop(left, end).adjust_cell_length(width, self.rich_style)
        return line

    def _header(self, width: int, left: int) -> Strip:
        """The headings, with ‹ and › where columns are out of sight to the left or the right."""
        heading = self.get_component_rich_style("line-table--header")
        line = self._draw([Cell(h) for _, h, _ in self.columns], heading, None, max(width, self._width))
        line = line.crop(left, self._seen_end(left, width)).adjust_cell_length(width, heading)
        marks = [Segment("‹", heading)] if left else []
        if left + width < self._width:
            return Strip([*marks, *line.crop(len(marks), width - 1), Segment("›", heading)])
        return Strip([*marks, *line.crop(len(marks), width)]) if marks else line

    def _draw(self, cells: Sequence[Cell], base: Style, cursor: int | None, width: int) -> Strip:
        cursor_style = self.get_component_rich_style("line-table--cursor")
        segments: list[Segment] = []
        for index, (cell, (_, _, cell_width)) in enumerate(zip(cells, self.columns, strict=True)):
            text = cell.rich()
            text.truncate(cell_width, overflow="ellipsis", pad=cell.justify != "right")
            if cell.justify == "right":
                text = Text(" " * (cell_width - text.cell_len)) + text
            padded = Text(" " * PADDING) + text + Text(" " * PADDING)
            style = base + cursor_style if index == cursor else base
            for segment in padded.render(self.app.console):
                segments.append(Segment(segment.text, style + segment.style if segment.style else style))
        return Strip(segments).adjust_cell_length(width, base)
