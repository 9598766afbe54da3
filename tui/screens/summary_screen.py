"""F9: every form of the folder in one table, as `jixiao summary` prints it, with a bar per project
for its 执行率; number keys sort, Enter opens the form in the editor.

The figures are exchange/summary.py's (build_summary): this screen only lays them out, so the
table can never disagree with `jixiao summary`. One DataTable holds every row.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import DataTable, Footer, Label, Static

from exchange.layout import Cell
from exchange.summary import COLUMNS, UNIT_AT, UNIT_HEADING, Summary, build_summary, grade_line
from models.validation import FileReport

from ..cell_fit import fit_middle

BAR_WIDTH = 10
NAME_SHARE = 3  # the fixed 项目名称 column takes at most a third of the screen: figures stay in sight
NAME_LEAST = 12
BAR_HEADING = "执行率图示"
TOTAL_KEY = "合计"
_EIGHTHS = " ▏▎▍▌▋▊▉"


def rate_bar(rate: Decimal | None, width: int = BAR_WIDTH) -> str:
    """执行率 as a bar of `width` cells (eighth blocks); over 100 fills it, unknown is blank."""
    if rate is None:
        return ""
    eighths = int(max(Decimal(0), min(rate, Decimal(100))) * width * 8 / 100)
    full, part = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[part] if part else "")).ljust(width)


# Headings over two lines where they are wider than their figures (then 120 columns hold them all).
_TWO_LINES = {"执行率(%)": "执行率\n(%)", "全年预算数": "全年\n预算数", "全年执行数": "全年\n执行数", "执行率得分": "执行率\n得分",
              "指标得分": "指标\n得分", "评分等级": "评分\n等级", BAR_HEADING: "执行率\n图示"}


def heading_lines(heading: str) -> str:
    return _TWO_LINES.get(heading, heading)


def column_keys(summary: Summary) -> list[str]:
    """The key of each of the summary's columns: COLUMNS', with "unit" where build_summary put a
    单位 column (forms of different units)."""
    keys = list(COLUMNS)
    if len(summary.headings) == len(keys) + 1 and summary.headings[UNIT_AT] == UNIT_HEADING:
        keys.insert(UNIT_AT, "unit")
    return keys


class ColumnScrollTable(DataTable[str | Text]):
    """←→ scroll by whole columns: scrolled a character at a time, a figure was cut at the fixed
    项目名称 column and read wrong (0.00 for 100.00, 4.10 for 84.10). A column is either shown
    whole or not at all at the left edge; the table is widened with blank space when the last
    columns need it, so the right end is reached the same way."""

    def _starts(self) -> list[int]:
        """The scroll offset that puts each scrolling column right after the fixed ones."""
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        fixed = sum(widths[: self.fixed_columns])
        starts, x = [], 0
        for index, width in enumerate(widths):
            if index >= self.fixed_columns:
                starts.append(x - fixed)
            x += width
        return starts

    def render_line(self, y: int) -> Strip:
        """Only whole columns at the right edge too: a figure cut there read wrong (1 for 100.00)."""
        line = super().render_line(y)
        view = self.scrollable_content_region.width
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        fixed, scrolled = sum(widths[: self.fixed_columns]), round(self.scroll_x)
        right = fixed
        for start, width in zip(self._starts(), widths[self.fixed_columns:], strict=True):
            if start >= scrolled and fixed + start - scrolled + width <= view:
                right = fixed + start - scrolled + width
        if right >= line.cell_length:
            return line
        return line.crop(0, right).extend_cell_length(line.cell_length, self.rich_style)

    def action_cursor_right(self) -> None:
        if self.cursor_type != "row":
            super().action_cursor_right()
            return
        view = self.scrollable_content_region.width
        total = sum(column.get_render_width(self) for column in self.ordered_columns)
        if self.scroll_x + view >= total:  # the last column is in view already
            return
        following = next((x for x in self._starts() if x > self.scroll_x), None)
        if following is None:
            return
        if following > self.max_scroll_x:
            self.virtual_size = Size(following + view, self.virtual_size.height)
        self.scroll_to(x=following, animate=False, immediate=True)

    def action_cursor_left(self) -> None:
        if self.cursor_type != "row":
            super().action_cursor_left()
            return
        previous = [x for x in self._starts() if x < self.scroll_x]
        self.scroll_to(x=previous[-1] if previous else 0, animate=False, immediate=True)


# key → (column key of exchange.summary.COLUMNS, footer words)
SORT_KEYS = {
    "1": ("project", "名称"), "2": ("execution_rate", "执行率"), "3": ("total", "总分"),
    "4": ("grade", "等级"), "5": ("errors", "错误"),
}


class SummaryScreen(Screen[Path | None]):
    """Dismissed with the path of the form to open, or None."""

    DEFAULT_CSS = """
    SummaryScreen #summary-title { text-style: bold; padding: 0 1; }
    SummaryScreen #summary-table { height: 1fr; }
    SummaryScreen #summary-current { padding: 0 1; }
    SummaryScreen #summary-grades { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape,f9", "dismiss(None)", "返回", id="summary.close"),
        *[Binding(key, f"sort('{column}')", f"按{words}", id=f"summary.sort.{column}")
          for key, (column, words) in SORT_KEYS.items()],
        Binding("enter", "open", "打开表单", show=False, id="summary.open"),
    ]

    def __init__(self, reports: list[FileReport], title: str, current: Path | None = None) -> None:
        """`current`: the open form, where the cursor starts (Enter on it goes back to it)."""
        super().__init__()
        self.reports, self.title_text = reports, title
        self.sort: str | None = None
        self.descending = False
        self.summary: Summary = build_summary(reports)
        self.rate_column = list(COLUMNS).index("execution_rate")  # the summary's, set by _fill
        self._name_cells = NAME_LEAST  # the 项目名称 column's width, set by _fill from the screen's
        self.current = current

    def compose(self) -> ComposeResult:
        yield Label(self.title_text, id="summary-title")
        table = ColumnScrollTable(id="summary-table", cursor_type="row", zebra_stripes=True, header_height=2,
                                  fixed_columns=1)
        yield table
        yield Static("", id="summary-current", markup=False)  # the whole name the column may cut
        yield Static("", id="summary-grades", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._fill(keep=str(self.current) if self.current is not None else None)
        self.query_one(DataTable).focus()

    def _fill(self, keep: str | None = None) -> None:
        """Lay the summary out: its rows, the bar after 执行率, the total row last."""
        table: DataTable[str | Text] = self.query_one(DataTable)
        table.clear(columns=True)
        summary = self.summary
        arrow = "↓" if self.descending else "↑"
        keys = column_keys(summary)
        self.rate_column = keys.index("execution_rate")
        self._name_cells = max(NAME_LEAST, self.size.width // NAME_SHARE)
        for key in keys:
            heading = COLUMNS.get(key, UNIT_HEADING)  # the unit, when all forms share one, is under the table
            table.add_column(heading_lines(heading) + (arrow if key == self.sort else ""), key=key)
            if key == "execution_rate":
                table.add_column(heading_lines(BAR_HEADING), key="bar", width=BAR_WIDTH)
        numeric = [any(row[i].number is not None for row in summary.rows) for i in range(len(summary.headings))]
        for path, row in zip(summary.paths, summary.rows, strict=True):
            table.add_row(*self._cells(row, numeric), key=path)
        table.add_row(*self._cells(summary.total, numeric, bold=True), key=TOTAL_KEY)
        unit = summary.headings[keys.index("budget")].removeprefix(COLUMNS["budget"])  # （万元） when all share it
        lines = [grade_line(summary) + (f"    金额单位{unit}" if unit else ""), *([summary.note] if summary.note else [])]
        lines.append("回车打开表单  1–5 排序（再按一次反向）  ←→ 左右滚动  Esc/F9 返回")
        self.query_one("#summary-grades", Static).update("\n".join(lines))
        if keep is not None and keep in summary.paths:
            table.move_cursor(row=summary.paths.index(keep))

    def on_resize(self) -> None:
        """A narrower screen gives the name column less room (and a wider one more)."""
        if self.is_mounted and max(NAME_LEAST, self.size.width // NAME_SHARE) != self._name_cells:
            self._fill(keep=str(current) if (current := self._cursor_path()) else None)

    @on(DataTable.RowHighlighted)
    def _show_current(self) -> None:
        """The whole 项目名称 of the row under the cursor, which the column may show cut."""
        path = self._cursor_path()
        name = self.summary.rows[self.summary.paths.index(str(path))][0].text if path else ""
        self.query_one("#summary-current", Static).update(f"项目名称：{name}" if name else "")

    def _cells(self, row: list[Cell], numeric: list[bool], bold: bool = False) -> list[str | Text]:
        style = "bold" if bold else ""
        cells: list[str | Text] = []
        for index, cell in enumerate(row):
            # 项目名称, the fixed column: cut in the middle, as copies differ at the end (〔…-副本.toml〕)
            text = fit_middle(cell.text, self._name_cells) if index == 0 else cell.text
            cells.append(Text(text, style=style, justify="right" if numeric[index] else "left"))
            if index == self.rate_column:
                cells.append(Text(rate_bar(cell.number), style="green"))
        return cells

    def action_sort(self, column: str) -> None:
        """Sort by `column`; the same column again reverses the order."""
        self.descending = not self.descending if self.sort == column else column != "project"
        self.sort = column
        current = self._cursor_path()
        self.summary = build_summary(self.reports, column, self.descending)
        self._fill(keep=str(current) if current else None)

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        if column in COLUMNS:
            self.action_sort(column)

    def _cursor_path(self) -> Path | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return None if key in (None, TOTAL_KEY) else Path(key)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        path = self._cursor_path()
        if path is not None:
            self.dismiss(path)
