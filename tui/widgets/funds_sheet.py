"""项目资金 drawn with the Line API: headings, row labels and figures are lines, the amounts are fields.

A grid of 26 Labels around the 9 amount fields was laid out at start-up and, on every keystroke,
each of its cells was asked to render again (Textual repaints every widget whose container
overlaps a change). Here the sheet draws the words and figures itself, caches each line, and
repaints only the lines whose text changed; the amount fields are its only children, placed
over their cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from models.layouts import FUND_COLUMNS, Layout

from .fields import FieldInput

GUTTER = 1  # blank cells between columns
FIGURES = ("weight", "rate", "score")  # the computed columns right of the amounts
DEFAULT_WIDTHS = (12, 11, 11, 11, 5, 8, 6)  # label, three amounts, 分值, 执行率%, 得分


class FundsSheet(Widget):
    """The rows of a layout, the 年度资金总额 row and the computed columns, with one field per amount."""

    DEFAULT_CSS = """
    FundsSheet { height: auto; width: 1fr; }
    FundsSheet > FieldInput { position: absolute; }
    """
    COMPONENT_CLASSES = {"funds-sheet--heading", "funds-sheet--label", "funds-sheet--total-label", "funds-sheet--total"}

    def __init__(self, layout: Layout, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fund_layout = layout
        self.widths: tuple[int, ...] = DEFAULT_WIDTHS
        rows = list(layout.rows)
        # Every cell's text by (line, column); amount cells stay blank (their fields cover them).
        self._texts: dict[tuple[int, int], str] = {}
        headings = ("", *(layout.column_label(c) for c in FUND_COLUMNS), "分值", "执行率%", "得分")
        for column, heading in enumerate(headings):
            self._texts[0, column] = heading
        for line, row in enumerate(rows, start=1):
            self._texts[line, 0] = layout.rows[row]
            self._texts[line, 4] = self._texts[line, 6] = "-"
        self._texts[len(rows) + 1, 0] = "年度资金总额"
        self._lines: dict[int, Strip] = {}
        self.styles.height = len(rows) + 2
        self.styles.min_width = self.total_width

    def compose(self) -> ComposeResult:
        for row in self.fund_layout.rows:
            for column in FUND_COLUMNS:
                yield FieldInput(f"funds.{row}.{column}", placeholder="空白", classes="money")

    def on_mount(self) -> None:
        self._place_fields()

    @property
    def total_width(self) -> int:
        return sum(self.widths) + GUTTER * (len(self.widths) - 1)

    @property
    def _total_line(self) -> int:
        return len(self.fund_layout.rows) + 1

    def _column_x(self, column: int) -> int:
        return sum(self.widths[:column]) + GUTTER * column

    # --- what the pane changes -----------------------------------------------------------------
    def set_widths(self, widths: Sequence[int]) -> None:
        """The columns' widths in cells (the amounts' columns grow with the longest amount)."""
        if tuple(widths) == self.widths:
            return
        self.widths = tuple(widths)
        self.styles.min_width = self.total_width
        self._lines.clear()
        self._place_fields()
        self.refresh()

    def set_rate(self, row: str, text: str) -> None:
        self._put(list(self.fund_layout.rows).index(row) + 1, 5, text)

    def set_total(self, column: str, text: str) -> None:
        """A figure of the 年度资金总额 row: an amount column's total, or weight / rate / score."""
        index = 1 + FUND_COLUMNS.index(column) if column in FUND_COLUMNS else 4 + FIGURES.index(column)
        self._put(self._total_line, index, text)

    def drawn_cells(self) -> list[list[str]]:
        """The sheet as drawn, line by line, cut at the column edges (amount cells are blank: their
        fields cover them). What a reader of the screen sees, for tests and checks."""
        cells = []
        for y in range(self._total_line + 1):
            strip = self.render_line(y)
            cells.append([strip.crop(x, x + w).text.strip() for x, w in
                          ((self._column_x(c), w) for c, w in enumerate(self.widths))])
        return cells

    def _put(self, line: int, column: int, text: str) -> None:
        """Change one cell's text; only its line is drawn again, and only if the text changed."""
        if self._texts.get((line, column), "") == text:
            return
        self._texts[line, column] = text
        self._lines.pop(line, None)
        self.refresh(Region(0, line, max(self.size.width, self.total_width), 1))

    def _place_fields(self) -> None:
        for index, field in enumerate(self.query_children(FieldInput)):
            line, column = divmod(index, len(FUND_COLUMNS))
            field.styles.offset = (self._column_x(1 + column), 1 + line)
            field.styles.width = self.widths[1 + column]

    # --- drawing -------------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = max(self.size.width, self.total_width)
        line = self._lines.get(y)
        if line is None:
            line = self._lines[y] = self._draw(y, width)
        return line

    def _draw(self, y: int, width: int) -> Strip:
        base = self.rich_style
        if y == 0:
            styles = [self.get_component_rich_style("funds-sheet--heading")] * len(self.widths)
        elif y == self._total_line:
            total = self.get_component_rich_style("funds-sheet--total")
            styles = [self.get_component_rich_style("funds-sheet--total-label"), *[total] * (len(self.widths) - 1)]
        else:
            styles = [self.get_component_rich_style("funds-sheet--label"), *[base] * (len(self.widths) - 1)]
        segments: list[Segment] = []
        for column, cell_width in enumerate(self.widths):
            if column:
                segments.append(Segment(" " * GUTTER, base))
            text = Text(self._texts.get((y, column), ""), no_wrap=True, overflow="crop")
            text.truncate(cell_width, overflow="crop", pad=True)
            style = base + styles[column]
            segments.extend(Segment(s.text, style + s.style if s.style else style) for s in text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width, base)


def fitted_widths(layout: Layout, amounts: Sequence[str], figures: Sequence[Sequence[str]] = ((), (), ())) -> tuple[int, ...]:
    """Columns as wide as the layout's labels, the longest amount and each computed column's
    longest figure (`figures`: the texts of 分值, 执行率% and 得分): a number is never cut.

    (A field narrower than its amount shows `123456789.1` for 123456789.12, which reads as
    another number; a rate of 47649572.88 cut to 8 cells read 47649572.)
    """
    label = max(cell_len(text) for text in (*layout.rows.values(), "年度资金总额"))
    money = max(11, *(cell_len(layout.column_label(c)) for c in FUND_COLUMNS), *(len(a) + 1 for a in amounts))
    computed = (max([least, *(cell_len(text) for text in texts)]) for least, texts in zip(DEFAULT_WIDTHS[4:], figures, strict=True))
    return (label, money, money, money, *computed)
