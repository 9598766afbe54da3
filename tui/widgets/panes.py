"""The form's panes: 基本信息, 项目资金, 年度总体目标. (The indicator table is in indicators.py.)"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label

from models.address import Address
from models.layouts import DEFAULT_LAYOUT, FUND_COLUMNS, Layout, layout_named
from models.money import MONEY_UNITS as UNIT_PLACES
from models.view import View

from .field_rows import FieldRows
from .fields import FieldInput, FieldText, TextOf, show_text
from .funds_sheet import FIGURES, FundsSheet, fitted_widths

MONEY_UNITS = tuple(UNIT_PLACES)


class Pane(Vertical):
    """A titled block of the form; `show` copies the open form's texts into its fields."""

    can_focus = False

    def show(self, text_of: TextOf, view: View) -> None:
        for field in self.query(FieldInput):
            show_text(field, text_of(field.where))
        for area in self.query(FieldText):
            show_text(area, text_of(area.where))


class HeaderPane(Pane):
    @dataclass
    class ChooseRuleSet(Message):
        """The user wants to pick another rule set."""

    @on(Button.Pressed, "#rule-set")
    def _rule_set_pressed(self) -> None:
        self.post_message(self.ChooseRuleSet())

    def compose(self) -> ComposeResult:
        labels = ("年度", "项目名称", "主管部门", "实施单位", "金额单位", "评分规则")
        with FieldRows(labels, label_width=9, pairs=2, narrow_pairs=1, id="header-grid"):
            yield FieldInput("year", placeholder="例：2024")
            yield FieldInput("project", placeholder="例：社区干部培训经费")
            yield FieldInput("department", placeholder="例：区民政局")
            yield FieldInput("implementer", placeholder="例：区社区服务中心")
            yield FieldInput("money_unit", choices=MONEY_UNITS, placeholder="例：万元")
            yield Button("", id="rule-set", compact=True, tooltip="回车选择评分规则")

    def show(self, text_of: TextOf, view: View) -> None:
        super().show(text_of, view)
        self.query_one("#rule-set", Button).label = f"{view.rule_set_title} ▾"


class FundsPane(Pane):
    """The rows of the form's layout and the computed 年度资金总额 row with 分值, 执行率 and 得分.

    The rows come from the layout (models/layouts.toml): a form with another layout recomposes the
    pane once, then posts Rebuilt so that the screen shows the form in the new fields. The words
    and figures are drawn by one FundsSheet; the amounts are its fields.
    """

    fund_layout: Layout = layout_named(DEFAULT_LAYOUT)  # the layout whose rows the pane has (or is being given)
    _rebuilding = False

    @dataclass
    class Rebuilt(Message):
        """The pane now has the rows of another layout."""

    # Priority: the focus moves when the arrow arrives, before the digits typed right after it
    # (else they would reach the field being left).
    BINDINGS = [
        Binding("up", "move_row(-1)", "上一行", show=False, priority=True, id="funds.up", tooltip="项目资金：上一行同一列"),
        Binding("down", "move_row(1)", "下一行", show=False, priority=True, id="funds.down", tooltip="项目资金：下一行同一列"),
    ]

    def compose(self) -> ComposeResult:
        yield FundsSheet(self.fund_layout, id="funds-grid")

    @property
    def sheet(self) -> FundsSheet:
        return self.query_one(FundsSheet)

    def show(self, text_of: TextOf, view: View) -> None:
        layout = layout_named(view.layout)
        if layout.name != self.fund_layout.name:
            self.fund_layout = layout
            self._rebuilding = True
            self.run_worker(self._rebuild(), exclusive=True, group="funds-layout")
            return
        if not self._rebuilding:
            super().show(text_of, view)

    async def _rebuild(self) -> None:
        await self.recompose()
        self._rebuilding = False
        self.post_message(self.Rebuilt())

    def show_figures(self, view: View) -> None:
        if self._rebuilding or view.layout != self.fund_layout.name:
            return  # being rebuilt for this form's layout; shown again when Rebuilt arrives
        title = f"项目资金（{view.money_unit}）F3"
        if self.border_title != title:
            self.border_title = title
        sheet = self.sheet
        for row in view.fund_rows:
            sheet.set_rate(row.key, row.rate)
        for column, total in zip(FUND_COLUMNS, view.fund_totals, strict=True):
            sheet.set_total(column, total)
        for name, text in zip(FIGURES, view.execution, strict=True):
            sheet.set_total(name, text)
        amounts = [*view.fund_totals]
        if view.form is not None:
            amounts += [str(value) for _, row in view.form.funds.rows() for value in (getattr(row, c) for c in FUND_COLUMNS) if value is not None]
        weight, rate, score = view.execution
        sheet.set_widths(fitted_widths(self.fund_layout, amounts, ([weight], [rate, *(row.rate for row in view.fund_rows)], [score])))

    def action_move_row(self, delta: int) -> None:
        """Arrows move between the rows of money fields, keeping the column."""
        focused = self.app.focused
        if not isinstance(focused, FieldInput):
            return
        address = Address.parse(focused.where)
        rows = list(self.fund_layout.rows)
        if address.fund_row not in rows:
            return
        target = rows.index(address.fund_row) + delta
        if 0 <= target < len(rows):
            self.screen.set_focus(self.query_one("#" + Address(("funds", rows[target], address.name)).dom_id, FieldInput))


class GoalsPane(Pane):
    def compose(self) -> ComposeResult:
        with Horizontal(id="goals-row"):
            with Vertical():
                yield Label("预期目标", classes="column-heading")
                yield FieldText("goals.expected", placeholder="请填写年初设定的年度总体目标")
            with Vertical():
                yield Label("实际完成情况", classes="column-heading")
                yield FieldText("goals.actual", placeholder="请填写年度目标的实际完成情况")
