"""绩效指标: one table draws every row; one row editor below it edits the selected row.

A grid of Inputs per row would be laid out on every keystroke (≈128 ms for 200 rows); the table
draws only the visible lines and the editor is a handful of widgets whatever the row count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from rich.cells import cell_len
from rich.console import JustifyMethod
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label

from models.address import Address
from models.catalog import LEVELS, QUALITATIVE_TARGETS
from models.money import NO_FIGURE
from models.problems import Severity
from models.rules import Outcome
from models.view import IndicatorRow, View

from .field_rows import FieldRows
from .fields import (
    FieldInput,
    FieldText,
    TextOf,
    insert_at_cursor,
    one_line,
    open_for_editing,
    run_own_binding,
    show_text,
)
from .line_table import Cell, Cells, LineTable
from .panes import Pane

# Table columns: field (or "suggestion"), heading, least width in cells. As on the paper form,
# 一级 and 二级指标 have columns of their own, named in full and shown once per group (like merged
# cells). The columns fitted to their content grow up to FITTED; 三级指标 takes the room left over.
COLUMNS = (
    ("level1", "一级指标", 8),
    ("level2", "二级指标", 8),
    ("name", "三级指标", 16),
    ("target", "年度指标值", 10),
    ("actual", "实际完成值", 10),
    ("weight", "分值", 6),
    ("score", "得分", 7),
    ("suggestion", "建议", 6),
    ("deviation_reason", "原因", 4),  # 有 / —: the text itself is under the table and in the row editor
)
FITTED = {"level1": 10, "level2": 18, "target": 16, "actual": 16}
HEADINGS = {key: heading for key, heading, _ in COLUMNS}
EDITABLE = {"level1", "level2", "name", "target", "actual", "weight", "score", "deviation_reason"}
ALL_LEVEL2 = tuple(dict.fromkeys(name for names in LEVELS.values() for name in names))
OUTCOMES = tuple(outcome.value for outcome in Outcome)
ROW_LABELS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")

W = TypeVar("W", bound=Widget)


class IndicatorTable(LineTable):
    BINDINGS = [
        Binding("enter", "edit_cell", "编辑", id="table.edit", tooltip="编辑当前单元格：输入即替换原值；F2 在末尾接着写"),
        Binding("insert,ctrl+n", "add_row", "插入指标", id="table.add"),
        Binding("delete", "clear_cell", "清空", id="table.clear", tooltip="清空当前单元格（同 Excel）；得分清空即恢复建议得分"),
        Binding("ctrl+d", "delete_row", "删除指标", id="table.delete", tooltip="删除当前指标（Ctrl+Z 可撤销）"),
        Binding("ctrl+up", "move_row(-1)", "上移", id="table.move_up"),
        Binding("ctrl+down", "move_row(1)", "下移", id="table.move_down"),
    ]

    @dataclass
    class RowAction(Message):
        """The user asked to add, delete or move the row under the cursor."""

        action: str
        row: int

    @dataclass
    class ClearCell(Message):
        """Delete on a cell: its field becomes blank (得分: back to the suggestion)."""

        row: int
        field: str

    _typing_into: FieldInput | FieldText | None = None  # the field a character typed here started

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only form offers no row changes in the footer (插入, 清空, 删除, 上移, 下移): they
        would only be refused. 编辑 stays: it opens the cell's field to be read."""
        if action in ("add_row", "clear_cell", "delete_row", "move_row"):
            return not getattr(self.screen, "read_only", False)
        return True

    def action_edit_cell(self, mode: str = "replace", typed: str = "") -> None:
        """Open the cursor's cell in the row editor: Enter replaces the value, F2 edits at its end."""
        if not self.row_count:  # nothing to edit yet: Enter starts the first indicator
            self.action_add_row()
            return
        key = COLUMNS[self.cursor_column][0]
        pane = self.screen.query_one(IndicatorsPane)
        field = pane.focus_field("score" if key == "suggestion" else key, mode, typed)
        self._typing_into = field if mode == "typed" else None

    async def on_key(self, event: events.Key) -> None:
        """Keys in the order they were typed: a character starts the cell's new value, as in a
        spreadsheet, and the table's own keys act at once.

        Focus moves to the row editor only after the keys already queued for the table: an input
        method delivers a whole word at once (核定项目总数), and a fast typist's 257 arrives before
        the focus. Those keys still reach the table; they continue the value the first one started,
        in order, instead of each starting it anew (which kept only the last character); Enter
        among them commits it. The table's bindings run here rather than when the key has bubbled
        up to the app: `↓ → X` sent together would otherwise type X before the cursor moved.
        """
        typing = self._typing_into
        if typing is not None and event.key == "enter":
            event.stop()
            self.screen.query_one(IndicatorsPane).commit()
            return
        if event.is_printable and event.character and self.row_count:
            event.stop()
            event.prevent_default()
            if typing is not None:
                insert_at_cursor(typing, event.character)
            else:
                self.action_edit_cell("typed", event.character)
            return
        if typing is not None:  # Backspace, arrows … queued among those characters act in that cell, in order
            event.stop()
            event.prevent_default()
            await run_own_binding(typing, event)
            return
        bindings = self._bindings.key_to_bindings.get(event.key)
        if bindings and typing is None:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted on a cell starts its new value, as typing it would (it was dropped)."""
        text = one_line(event.text)
        event.prevent_default()
        event.stop()
        if not text or not self.row_count:
            return
        if self._typing_into is not None:
            insert_at_cursor(self._typing_into, text)
        else:
            self.action_edit_cell("typed", text)

    def _on_focus(self, event: events.Focus) -> None:
        self.end_typing()

    def end_typing(self) -> None:
        """The next character starts a new value; the keys are the table's again (↑ moves)."""
        self._typing_into = None

    def action_clear_cell(self) -> None:
        if self.row_count:
            key = COLUMNS[self.cursor_column][0]
            self.post_message(self.ClearCell(self.cursor_row, "score" if key == "suggestion" else key))

    def action_add_row(self) -> None:
        self.post_message(self.RowAction("add", self.cursor_row))

    def action_delete_row(self) -> None:
        self.post_message(self.RowAction("delete", self.cursor_row))

    def action_move_row(self, delta: int) -> None:
        self.post_message(self.RowAction("up" if delta < 0 else "down", self.cursor_row))


class IndicatorsPane(Pane):
    """The table, and under it the fields of the selected row."""

    BINDINGS = [Binding("escape", "back_to_table", "回到表格", show=False, id="indicators.back", tooltip="从指标编辑区回到表格")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[IndicatorRow, ...] = ()
        self._found: dict[str, Widget] = {}
        self._view: View | None = None  # the newest view shown
        self.row = 0
        self._text_of: TextOf | None = None  # where the row editor's fields take their text from

    def compose(self) -> ComposeResult:
        yield IndicatorTable(COLUMNS, flex="name", id="indicator-table")
        yield Label("", id="cell-text")
        with Vertical(id="row-editor"):
            yield Label("", id="row-title")
            with FieldRows(ROW_LABELS, label_width=11, pairs=3, narrow_pairs=2, id="row-grid"):
                yield FieldInput("indicators[0].level1", id="row-level1", choices=tuple(LEVELS), placeholder="例：产出指标")
                yield FieldInput("indicators[0].level2", id="row-level2", choices=ALL_LEVEL2, placeholder="例：数量指标")
                yield FieldInput("indicators[0].name", id="row-name", placeholder="例：培训课时数")
                yield FieldInput("indicators[0].target", id="row-target", choices=QUALITATIVE_TARGETS, placeholder="例：≥232课时")
                yield FieldInput("indicators[0].actual", id="row-actual", choices=OUTCOMES, placeholder="例：84课时")
                yield FieldInput("indicators[0].weight", id="row-weight", placeholder="0.00", classes="money")
                yield FieldInput("indicators[0].score", id="row-score", placeholder="按建议", classes="money")
            yield Label("", id="score-note", classes="note")  # a line of its own: never cut beside 得分
            yield Label("偏差原因分析及改进措施", classes="column-heading")
            yield FieldText("indicators[0].deviation_reason", id="row-deviation_reason", placeholder="未完成或偏离目标较大时，分析原因并提出改进措施")

    # --- showing the model -----------------------------------------------------------------
    @property
    def table(self) -> IndicatorTable:
        return self._widget("#indicator-table", IndicatorTable)

    def show_rows(self, rows: tuple[IndicatorRow, ...]) -> None:
        """Redraw the rows whose content changed; rebuild the table when the number of rows changed.

        Rows are frozen values from the session, so comparing them is cheap: a keystroke's cost
        stays flat as the table grows.
        """
        table = self.table
        if len(rows) != len(self._rows):
            table.set_rows([_cells(row, rows[index - 1] if index else None) for index, row in enumerate(rows)])
            table.set_widths(_fitted_widths(rows))
        else:
            changed = [i for i, (before, after) in enumerate(zip(self._rows, rows, strict=True))
                       if before is not after and before != after]
            # The next row shows its levels only where they differ from this one: redraw it when they changed.
            regrouped = [i + 1 for i in changed if i + 1 < len(rows) and _levels(self._rows[i]) != _levels(rows[i])]
            for index in sorted({*changed, *regrouped}):
                table.set_row(index, _cells(rows[index], rows[index - 1] if index else None))
            if any(_fitted(self._rows[i]) != _fitted(rows[i]) for i in changed):
                table.set_widths(_fitted_widths(rows))
        self._rows = rows
        subtitle = f"共 {len(rows)} 条"
        if self.border_subtitle != subtitle:  # setting it, even unchanged, repaints the whole pane
            self.border_subtitle = subtitle

    def show_row_editor(self, text_of: TextOf, view: View) -> None:
        """Point the row editor at the table's current row and fill it in."""
        editor = self.query_one("#row-editor")
        if not view.rows:
            editor.display = False
            return
        editor.display = True
        self._text_of = text_of
        self.row = min(max(self.table.cursor_row, 0), len(view.rows) - 1)
        for field in self.query("#row-editor FieldInput, #row-editor FieldText").results():
            assert isinstance(field, FieldInput | FieldText)
            field.where = Address.of_indicator(self.row, Address.parse(field.where).name).key
            show_text(field, text_of(field.where))
        self.show_row_note(view)

    def follow_cursor(self, text_of: TextOf, view: View) -> None:
        """Point the row editor at the table's cursor row unless it already is: a late RowChanged
        must not refill fields a key typed after Down has already started editing."""
        if self.table.cursor_row != self.row:
            self.show_row_editor(text_of, view)
        else:
            self.show_row_note(view)

    def show_row_note(self, view: View) -> None:
        self._view = view
        self.show_cell_text()
        if not view.rows:
            return
        row = view.rows[min(self.row, len(view.rows) - 1)]
        self._put_label("#score-note", _score_note(row))
        self._put_label("#row-title", f"第 {self.row + 1} 条 / 共 {len(view.rows)} 条：{row.name or '（未命名）'}")
        score = self._widget("#row-score", FieldInput)
        placeholder = "暂无建议" if row.suggestion == NO_FIGURE else f"建议 {row.suggestion}"
        if score.placeholder != placeholder:
            score.placeholder = placeholder

    def show_cell_text(self) -> None:
        """The whole text of the cell under the cursor, which the table may show cut."""
        view = self._view
        if view is None or not view.rows or view.form is None:
            self._put_label("#cell-text", "")
            return
        index = min(self.table.cursor_row, len(view.rows) - 1)
        key = COLUMNS[self.table.cursor_column][0]
        row = view.rows[index]
        if key == "deviation_reason":
            value = view.form.indicators[index].deviation_reason
        elif key == "suggestion":
            value = f"{row.suggestion}（规则建议得分）"
        else:
            value = getattr(row, key).removesuffix("✎")
        self._put_label("#cell-text", f"{HEADINGS[key]}：{value.strip() or '（空白）'}")

    def _put_label(self, selector: str, text: str) -> None:
        label = self._widget(selector, Label)
        if str(label.content) != text:
            label.update(text, layout=False)

    def _widget(self, selector: str, kind: type[W]) -> W:
        """A widget of the pane, looked up once: the pane is never recomposed."""
        found = self._found.get(selector)
        if found is None:
            found = self._found[selector] = self.query_one(selector, kind)
        assert isinstance(found, kind)
        return found

    # --- moving around ---------------------------------------------------------------------
    def focus_field(self, key: str, mode: str = "replace", typed: str = "") -> FieldInput | FieldText:
        """Focus a field of the row editor and start the edit as `mode` says (never mid-value).

        The row editor is first pointed at the table's cursor row, here and now: a key typed right
        after Down must edit the new row, not wait for the RowChanged message to catch up.
        """
        if self._text_of is not None and self._view is not None:
            self.follow_cursor(self._text_of, self._view)
        field = self.query_one(f"#row-{key}")
        assert isinstance(field, FieldInput | FieldText)
        field.focus()
        open_for_editing(field, mode, typed)
        return field

    def focus_cell(self, row: int, key: str | None, *, edit: bool = True) -> None:
        """The table's cursor to a cell; its field focused when `edit` (a problem chosen), else the
        table keeps the focus (undo in the table: the next Ctrl+D must still delete an indicator)."""
        column = next((i for i, (k, _, _) in enumerate(COLUMNS) if k == key), self.table.cursor_column)
        self.table.move_cursor(row, column)
        if edit and key in EDITABLE:
            self.call_after_refresh(self.focus_field, key)
        else:
            self.table.focus()

    def action_back_to_table(self) -> None:
        self.table.focus()

    def on_mount(self) -> None:
        for field in self.query("#row-editor FieldInput").results(FieldInput):
            field.on_enter = self.commit

    def commit(self) -> IndicatorTable:
        """Enter in the cell editor: the value is in, back to the table one row down (as in Excel),
        where the arrows move between rows again and typing starts the next cell."""
        self.table.end_typing()  # keys sent with Enter reach the table before its focus does
        self.table.move_cursor(self.row + 1)
        self.table.focus()
        return self.table

    def field_at_cursor(self) -> FieldInput | FieldText:
        """The row editor's field for the table's cursor cell (the row editor follows the cursor first)."""
        if self._text_of is not None and self._view is not None:
            self.follow_cursor(self._text_of, self._view)
        key = COLUMNS[self.table.cursor_column][0]
        field = self.query_one(f"#row-{'score' if key == 'suggestion' else key}")
        assert isinstance(field, FieldInput | FieldText)
        return field

    @on(LineTable.CursorMoved)
    def _cursor_moved(self, event: LineTable.CursorMoved) -> None:
        if event.row != self.row:
            self.post_message(self.RowChanged())
        else:
            self.show_cell_text()

    class RowChanged(Message):
        """The table's cursor moved to another row: the row editor must follow."""


def _score_note(row: IndicatorRow) -> str:
    """Whose 得分 this is and what the rule suggests; a row the rule cannot score yet says so."""
    if row.suggestion == NO_FIGURE:
        if row.evaluator:
            return "评价人打分（规则暂无建议得分）"
        return "暂无建议得分（原因见问题列表）；可直接输入评价人打分"
    if row.evaluator:
        return f"评价人打分（建议 {row.suggestion}，Ctrl+R 恢复建议）"
    return f"按建议得分 {row.suggestion}（直接输入即可改为评价人打分）"


def _levels(row: IndicatorRow) -> tuple[str, str]:
    return row.level1, row.level2


def _fitted(row: IndicatorRow) -> tuple[str, ...]:
    return tuple(getattr(row, key) for key in FITTED)


def _fitted_widths(rows: tuple[IndicatorRow, ...]) -> list[int]:
    """Each column's width: the fitted ones as wide as their longest text (within FITTED)."""
    widths = []
    for key, heading, least in COLUMNS:
        width = least
        if key in FITTED:
            longest = max((cell_len(getattr(row, key)) for row in rows), default=0)
            width = min(max(least, cell_len(heading), longest), FITTED[key])
        widths.append(width)
    return widths


def _cells(row: IndicatorRow, previous: IndicatorRow | None) -> Cells:
    """A row's cells; 一级 and 二级指标 only where their group starts (or where they are marked)."""
    same_level1 = previous is not None and previous.level1 == row.level1
    values = {
        "level1": "" if same_level1 else row.level1,
        "level2": "" if same_level1 and previous is not None and previous.level2 == row.level2 else row.level2,
        "name": row.name, "target": row.target, "actual": row.actual, "weight": row.weight,
        "score": row.score + ("✎" if row.evaluator else ""),
        "suggestion": row.suggestion,
        "deviation_reason": "有" if row.has_reason else "—",
    }
    cells = []
    for key, _, _ in COLUMNS:
        severity = row.mark(key)
        value = values[key] if severity is None else values[key] or getattr(row, key) or "（空白）"
        style = "bold red" if severity is Severity.ERROR else "yellow" if severity else ""
        justify: JustifyMethod = "right" if key in ("weight", "score", "suggestion") else "left"
        cells.append(Cell(value, style, justify))
    return tuple(cells)
