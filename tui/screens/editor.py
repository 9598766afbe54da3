"""The editor: the folder's forms, the open form in panes, the score bar and the problems.

Data flows one way: a keystroke changes a field → the FormEditor changes the model → the rules
recompute → only the widgets that show derived figures or marks are updated (no recompose).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from models.address import Address
from models.catalog import LEVELS
from models.discovery import list_folder_forms
from models.document import ReadOnly
from models.form import Form
from models.problems import Problem, Severity
from models.rules import RULE_SETS
from models.scoring import Figures
from models.session import EditSession
from models.summary import Summary
from models.units import ConversionRefused, conversion_factor_text
from models.view import View

from ..widgets.fields import FieldInput, FieldText, FieldWidget, dom_id, show_text
from ..widgets.form_list import FormList
from ..widgets.indicators import IndicatorsPane, IndicatorTable
from ..widgets.panes import FundsPane, GoalsPane, HeaderPane, Pane
from ..widgets.status import ProblemsPanel, ScoreBar
from .dialogs import ChoiceDialog
from .exchange_flows import ExchangeFlows
from .file_flows import FileFlows

# Commands that change the open form (or its file's name): a read-only form does not offer them.
_CHANGES = frozenset(("add_indicator", "delete_indicator", "restore_suggestion", "choose_rule_set", "rename"))


@dataclass(frozen=True)
class _Parts:
    funds: FundsPane
    indicators: IndicatorsPane
    problems: ProblemsPanel
    score_bar: ScoreBar
    header: HeaderPane
    forms: FormList


def rule_set_choice(name: str, title: str) -> str:
    """A rule set in the picker: its short title and name, then what the bracket says on a line of its own.

    One line of up to 79 cells would wrap mid-phrase in the dialog; the bracket is a phrase of its own.
    """
    short, bracket, detail = title.partition("（")
    if not bracket or not detail.endswith("）"):
        return f"{title} · {name}"
    return f"{short} · {name}\n    {detail[:-1]}"


PANES = {"header": "#f-year", "funds": "#funds FieldInput", "goals": "#f-goals-expected"}


class EditorScreen(Screen[None]):
    """Holds one edit session, routes keys and dialogs to it, and paints the view it returns."""

    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="save"),
        # Read-only: 保存 leaves the footer; Ctrl+S still says why and offers 另存为 (no description: not in F1).
        Binding("ctrl+s", "save_read_only", "", show=False, id="save.read_only"),
        Binding("ctrl+z", "undo", "撤销", priority=True, id="undo"),
        Binding("ctrl+y", "redo", "重做", priority=True, id="redo"),
        # Priority: the focus moves when Tab arrives, not after the keys typed right after it.
        Binding("tab", "app.focus_next", "", show=False, priority=True, id="focus.next"),
        Binding("shift+tab", "app.focus_previous", "", show=False, priority=True, id="focus.previous"),
        Binding("f1", "app.help", "帮助", id="help"),
        Binding("f2", "f2", "基本信息", show=False, priority=True, id="pane.header", tooltip="跳到基本信息"),
        Binding("f3", "focus_pane('funds')", "资金", show=False, priority=True, id="pane.funds", tooltip="跳到项目资金"),
        Binding("f4", "focus_pane('goals')", "目标", show=False, priority=True, id="pane.goals", tooltip="跳到年度总体目标"),
        Binding("f5", "focus_pane('indicators')", "指标", show=False, priority=True, id="pane.indicators", tooltip="跳到绩效指标表格"),
        Binding("f6", "focus_pane('problems')", "问题", show=False, priority=True, id="pane.problems", tooltip="跳到问题列表（回车跳到出问题的字段）"),
        Binding("f7", "focus_pane('forms')", "表单列表", show=False, priority=True, id="pane.forms", tooltip="跳到表单列表（窄屏时显示/隐藏）"),
        Binding("ctrl+r", "restore_suggestion", "恢复建议得分", show=False, id="restore_suggestion", tooltip="当前指标的得分改回规则建议值"),
        Binding("f9", "summary", "汇总", show=False, id="summary", tooltip="文件夹中所有表单的汇总表（可排序，回车打开表单）"),
        Binding("ctrl+o", "choose_value", "从列表选择", show=False, id="choose_value", tooltip="一级、二级指标和定性完成值：从常用列表中选择"),
    ]

    def __init__(self, folder: Path, path: Path | None, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.folder = folder
        self.start_path = path
        self.session: EditSession | None = None
        self.view: View | None = None  # what is painted now
        self.flows = FileFlows(self)
        self.exchange = ExchangeFlows(self)
        self._fields: list[FieldWidget] = []
        self._validating = False
        self._list_due = False
        self._parts: _Parts | None = None
        self._told_read_only: EditSession | None = None  # the session whose read-only notice was shown
        self._before_forms: Widget | None = None  # focused before F7 showed the list on a narrow screen
        self._resumed = False  # the screen has been shown once

    # --- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield FormList(id="forms")
            with Vertical(id="main"):
                yield Static("", id="empty")
                with VerticalScroll(id="form"):
                    yield HeaderPane(id="header")
                    yield FundsPane(id="funds")
                    yield GoalsPane(id="goals")
                    yield IndicatorsPane(id="indicators")
                with Horizontal(id="problems-row"):
                    yield ProblemsPanel(id="problems")
        yield ScoreBar(id="scorebar")
        yield Footer()

    @property
    def parts(self) -> _Parts:
        """The screen's fixed widgets, found once (it is never recomposed)."""
        if self._parts is None:
            self._parts = _Parts(
                self.query_one(FundsPane), self.query_one(IndicatorsPane), self.query_one(ProblemsPanel),
                self.query_one(ScoreBar), self.query_one(HeaderPane), self.query_one(FormList),
            )
        return self._parts

    def on_mount(self) -> None:
        titles = {"goals": "年度总体目标 F4", "indicators": "绩效指标 F5"}
        for pane_id, title in titles.items():
            self.query_one(f"#{pane_id}", Pane).border_title = title
        self._fields = [*self.query(FieldInput), *self.query(FieldText)]
        self.set_interval(1.0, self._each_second)
        self.reload_folder()
        paths = self.parts.forms.paths
        first = self.start_path or (paths[0] if paths else None)
        if first is not None:
            self.flows.open(first)
        else:
            self.show_nothing(f"文件夹“{self.folder}”中还没有表单。按 Ctrl+P 选择“新建表单”。")

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first showing does not restyle the screen: every widget was styled as it was mounted,
        just before, and nothing has changed since (Textual restyles all ~60 widgets on every resume,
        for a screen coming back from behind a dialog or after a theme change; those still do)."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self) -> None:
        """The focused field or table stays in sight: a smaller terminal scrolled the form back to its
        top (at 80×24 the table focused at 120×40 was below the screen, the keys still going to it)."""
        self.call_after_refresh(self._show_focused)

    def _show_focused(self) -> None:
        """Scroll the form to the focused widget where it is drawn. (Textual's scroll_visible leaves out
        the line a FieldRows field is placed on by its offset, and stopped two lines short of 分值.)"""
        focused = self.focused
        if focused is None or not focused.is_attached or self.can_view_partial(focused):
            return
        form = self.query_one("#form", VerticalScroll)
        if form in focused.ancestors:
            content = form.scrollable_content_region
            form.scroll_to_region(focused.region.translate(form.scroll_offset - content.offset), animate=False, immediate=True)

    def on_unmount(self) -> None:
        self.adopt(None)  # however the app ends, the lock is given back

    def reload_folder(self) -> None:
        files = list_folder_forms(self.folder) if self.folder.is_dir() else []
        path = self.path
        if path is not None and path not in files and path.exists():
            files.append(path)
        self.parts.forms.show_folder(files, path)

    # --- the session ---------------------------------------------------------------------------
    def adopt(self, session: EditSession | None, message: str = "") -> None:
        """Show a newly opened session (the old one is closed), or nothing with `message`."""
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        self.refresh_bindings()  # 保存 is offered only for a form that can be saved
        if session is not None and session.read_only:
            self._told_read_only = session  # opening said so (FileFlows.open): keystrokes say nothing more
        if session is None:
            self.view = None
            if message:
                self.show_nothing(message)
            return
        self.parts.forms.mark_current(session.path)
        view = session.view()
        if session.editor is None:
            self.show_nothing(view.message)
            self.paint(view)
            return
        self.query_one("#empty").display = False
        self.query_one("#form").display = True
        self.paint_all(view)
        self.action_focus_pane("header")

    def show_nothing(self, message: str) -> None:
        self.query_one("#form").display = False
        empty = self.query_one("#empty", Static)
        empty.display = True
        empty.update(message)

    # Read-only views of the session, for commands and tests.
    @property
    def path(self) -> Path | None:
        return self.session.path if self.session else None

    @property
    def form(self) -> Form | None:
        return self.session.form if self.session else None

    @property
    def unsaved(self) -> bool:
        return self.session is not None and self.session.unsaved

    @property
    def figures(self) -> Figures | None:
        return self.view.figures if self.view else None

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.view.problems if self.view else ()

    # --- edits -----------------------------------------------------------------------------
    def take_edit(self, event: Message) -> None:
        """A field's edit, handed over as it is made (fields.hand_over). The text and place are the
        edit's, not the field's now: keys typed in a burst ending in Enter can be handled after the
        row editor has moved to the next row."""
        assert isinstance(event, FieldInput.Changed | FieldText.Changed)
        field = event.input if isinstance(event, FieldInput.Changed) else event.text_area
        assert isinstance(field, FieldInput | FieldText)
        session = self.session
        if session is None or session.editor is None:
            return
        try:
            view = session.type(event.where, event.value if isinstance(event, FieldInput.Changed) else event.text)
        except ReadOnly as why:
            self._say_read_only(why)
            show_text(field, session.text(field.where))  # put it back: the form can be read, not changed
            return
        self.paint(view)
        if session.unit_offer is not None:
            self._offer_unit_conversion(session, *session.unit_offer)

    def _offer_unit_conversion(self, session: EditSession, old: str, new: str) -> None:
        """金额单位 became another known unit: convert the amounts exactly, or keep the numbers."""
        session.unit_offer = None

        def chosen(answer: str | None) -> None:
            if answer != "convert" or self.session is not session:
                return
            unit = session.form.money_unit if session.form is not None else new
            if unit != new:  # typed on while the question was on its way (`万元 Enter 5` in one burst)
                session.ask_again_from(old)  # the amounts are still in the old unit: 元5 → 元 asks again
                self.notify(f"金额单位已改为“{unit}”，没有换算金额", title="未换算", severity="warning", timeout=8)
                return
            try:
                view = session.convert_amounts(old, new)
            except ConversionRefused as refused:  # nothing converted: the amounts stay as they are
                self.notify(str(refused), title="无法换算", severity="error", timeout=10)
                return
            self.paint_all(view)

        self.app.push_screen(ChoiceDialog(f"金额单位由 {old} 改为 {new}", [
            ("convert", f"换算金额（{conversion_factor_text(old, new)}）"), ("keep", "只改单位，数字不变"),
        ], "convert"), chosen)

    def on_descendant_blur(self) -> None:
        if self.session is not None:
            self.session.seal()  # typing into the next field is a new undo step

    def _change(self, change: str, row: int) -> None:
        """Add, delete or move an indicator row."""
        session = self.session
        if session is None or session.editor is None:
            return
        try:
            if change == "add":
                view = session.add_indicator(row)
            elif change == "delete":
                indicators = session.form.indicators if session.form is not None else []
                if not 0 <= row < len(indicators):
                    return
                name = indicators[row].name
                view = session.delete_indicator(row)
                self.notify(f"已删除第 {row + 1} 条指标“{name or '未命名'}”。按 Ctrl+Z 撤销", timeout=6)
            elif change in ("up", "down"):
                view = session.move_indicator(row, -1 if change == "up" else 1)
            else:
                return
        except ReadOnly as why:
            self._say_read_only(why)
            return
        self.paint_all(view)

    @on(IndicatorTable.RowAction)
    def _row_action(self, event: IndicatorTable.RowAction) -> None:
        self._change(event.action, event.row)

    @on(IndicatorTable.ClearCell)
    def _clear_cell(self, event: IndicatorTable.ClearCell) -> None:
        """Delete on a cell blanks its field, as in Excel (得分 returns to the rule's suggestion)."""
        session = self.session
        if session is None or session.editor is None:
            return
        try:
            if event.field == "score":
                view = session.restore_suggestion(event.row)
            else:
                view = session.type(Address.of_indicator(event.row, event.field).key, "")
        except ReadOnly as why:
            self.notify(f"只读：{why}", severity="warning", timeout=4)
            return
        session.seal()  # the next cleared cell is an undo step of its own
        self.paint_all(view)

    @on(IndicatorsPane.RowChanged)
    def _row_changed(self) -> None:
        if self.session is not None and self.view is not None and self.session.editor is not None:
            self.parts.indicators.follow_cursor(self.session.text, self.view)
            self._apply_marks(self.view)

    @on(FundsPane.Rebuilt)
    def _funds_rebuilt(self) -> None:
        """The funds pane has the rows of the open form's layout now: show the form in them."""
        self._fields = [*self.query(FieldInput), *self.query(FieldText)]
        if self.session is not None and self.session.editor is not None:
            self.paint_all(self.session.view())

    @on(HeaderPane.ChooseRuleSet)
    def _choose_rule_set(self) -> None:
        self.action_choose_rule_set()

    @on(ProblemsPanel.Jump)
    def _jump(self, event: ProblemsPanel.Jump) -> None:
        self.focus_where(event.where)

    @on(FormList.Chosen)
    def _form_chosen(self, event: FormList.Chosen) -> None:
        if event.path != self.path:
            self._before_forms = None  # another form: its 基本信息, not the old form's field
        self._hide_form_list()
        if event.path != self.path:
            self.flows.guard(lambda: self.flows.open(event.path), f"打开“{event.path.name}”")

    # --- painting ----------------------------------------------------------------------------
    def paint_all(self, view: View) -> None:
        """Copy every field's text from the session, then paint (after opening, undo, a row change)."""
        session = self.session
        if session is None or session.editor is None:
            return
        for pane in self.query(Pane):
            if not isinstance(pane, IndicatorsPane):
                pane.show(session.text, view)
        indicators = self.parts.indicators
        indicators.show_rows(view.rows)
        if view.focus_row is not None and view.rows:
            indicators.table.move_cursor(view.focus_row)
        indicators.show_row_editor(session.text, view)
        self.paint(view)
        if view.focus_where:
            self.focus_where(view.focus_where)

    def paint(self, view: View) -> None:
        """Show a view: figures, rows, problems, marks, the score bar (one trip back per keystroke)."""
        self.view = view
        parts = self.parts
        if view.form is not None:
            parts.funds.show_figures(view)
            parts.indicators.show_rows(view.rows)
            parts.indicators.show_row_note(view)
        self._apply_marks(view)
        parts.problems.show(view.problems)
        parts.score_bar.show(view)
        parts.forms.mark_unsaved(view.unsaved)
        self._list_due = view.summary is not None
        title = f"基本信息 F2 — {view.path.name if view.path else '新表单'}"
        if parts.header.border_title != title:
            parts.header.border_title = title

    def saved(self, view: View) -> None:
        self.paint(view)
        self._update_summary()

    def _apply_marks(self, view: View) -> None:
        marks = view.marks
        for field in self._fields:
            severity, message = marks.get(field.where, (None, None))
            field.set_class(severity is Severity.ERROR, "-problem-error")
            field.set_class(severity is Severity.WARNING, "-problem-warning")
            if field.tooltip != message:
                field.tooltip = message

    # --- moving around ---------------------------------------------------------------------
    def focus_where(self, where: str) -> None:
        """Move focus to the field a problem is about (or the nearest thing that shows it)."""
        address = Address.parse(where)
        if address.indicator is not None:
            name = address.name if len(address.parts) == 3 else None
            self.parts.indicators.focus_cell(address.indicator, name, edit=not isinstance(self.focused, IndicatorTable))
            return
        if address.table == "indicators":
            self.query_one(IndicatorTable).focus()
            return
        targets: list[Widget] = list(self.query(f"#{dom_id(where)}")) if address.parts else []
        if targets:
            targets[0].focus()
        elif address.table in ("funds", "figures"):
            self.action_focus_pane("funds")
        else:
            self.action_focus_pane("header")

    def action_f2(self) -> None:
        """F2: in the indicator table, edit the cell with the cursor at its end; elsewhere, 基本信息."""
        if isinstance(self.focused, IndicatorTable):
            self.focused.action_edit_cell("end")
        else:
            self.action_focus_pane("header")

    def action_focus_pane(self, pane: str) -> None:
        target: Widget
        if pane == "forms":
            self._toggle_form_list()
            return
        if pane == "problems" and not (self.view and self.view.problems):
            self.notify("没有问题", timeout=2)
            return
        if pane == "indicators":
            target = self.query_one(IndicatorTable)
        elif pane == "problems":
            target = self.parts.problems
        else:
            target = self.query(PANES[pane]).first()
        if target.display:
            self.set_focus(target)  # now, not after the keys typed right after F2–F6 (they go to the pane)

    def _toggle_form_list(self) -> None:
        """F7: to the list. On a narrow screen the list replaces the form, and F7 from the list hides
        it again and gives focus back to where it was."""
        forms = self.parts.forms
        narrow = self.has_class("-narrow")
        if narrow and forms.has_focus:
            self._hide_form_list()
            return
        if not forms.has_focus:
            self._before_forms = self.focused
        self.set_class(narrow, "-show-forms")
        self.call_after_refresh(forms.focus)

    def _hide_form_list(self) -> None:
        """The form again instead of the list (narrow screen). A hidden list must not keep the focus:
        keys would go into its invisible filter, and the next F7 would find it focused and hide it."""
        self.remove_class("-show-forms")
        back, self._before_forms = self._before_forms, None
        if not self.parts.forms.has_focus:
            return
        if back is not None and back.is_attached and back is not self.parts.forms:
            self.call_after_refresh(back.focus)
        else:
            self.call_after_refresh(self.action_focus_pane, "header")

    # --- commands --------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """The open form can be read, not changed (open elsewhere, a newer format …)."""
        return self.session is not None and bool(self.session.read_only)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only form offers nothing that would change it (保存, 撤销, 重做, _CHANGES) in the footer
        or the command palette; Ctrl+S goes to save_read_only instead, which says why."""
        read_only = self.read_only
        if action in ("save", "undo", "redo"):  # nothing to save, undo or redo in a form that cannot change
            return not read_only
        if action in _CHANGES:  # nor anything to change (the command palette offers only what is allowed)
            return not read_only
        if action == "save_read_only":
            return read_only
        return True

    def _say_read_only(self, why: object) -> None:
        """Once per form: every keystroke in a read-only form would repeat the same notice."""
        if self._told_read_only is not self.session:
            self._told_read_only = self.session
            self.notify(f"只读：{why}", severity="warning", timeout=4)

    def action_save(self) -> None:
        self.flows.save()

    def action_save_read_only(self) -> None:
        self.flows.save()  # refused by the session, with the way out (另存为)

    def action_save_as(self) -> None:
        self.flows.save_as()

    def action_rename(self) -> None:
        self.flows.rename()

    def action_new_form(self) -> None:
        self.flows.new_form()

    def action_copy_next_year(self) -> None:
        self.flows.copy_next_year()

    def open_guarded(self, path: Path) -> None:
        """Open `path` (from the summary or an import) once unsaved changes are dealt with; the
        question names the form about to open."""
        if path != self.path:
            self.flows.guard(lambda: self.flows.open(path), f"打开“{path.name}”")

    def reread_list_entry(self, path: Path) -> None:
        if path != self.path:  # the open form's line follows the screen
            self.parts.forms.reread(path)

    def action_export_form(self, to: str) -> None:
        self.exchange.export_form(to)

    def action_export_folder(self, to: str) -> None:
        self.exchange.export_folder(to)

    def action_import_file(self) -> None:
        self.exchange.import_file()

    def action_summary(self) -> None:
        self.exchange.show_summary()

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, undo: bool) -> None:
        session = self.session
        if session is None or session.editor is None:
            return
        try:
            view = session.undo() if undo else session.redo()
        except ReadOnly as why:
            self._say_read_only(why)
            return
        if view is None:
            self.notify("没有可以撤销的修改" if undo else "没有可以重做的修改", timeout=2)
            return
        self.paint_all(view)

    def action_restore_suggestion(self) -> None:
        session = self.session
        pane = self.parts.indicators
        if session is None or session.form is None or not session.form.indicators:
            return
        try:
            view = session.restore_suggestion(pane.row)
        except ReadOnly as why:
            self._say_read_only(why)
            return
        show_text(pane.query_one("#row-score", FieldInput), "")
        self.paint(view)
        self.notify("已恢复为建议得分", timeout=2)

    def action_choose_value(self) -> None:
        """Ctrl+O: the list of usual values of the focused field, or of the table's cursor cell."""
        field = self.focused
        form = self.form
        from_table = isinstance(field, IndicatorTable) and field.row_count > 0
        if from_table:
            field = self.parts.indicators.field_at_cursor()
        if not isinstance(field, FieldInput) or not field.choices or form is None:
            self.notify("此字段没有可选列表", timeout=2)
            return
        choices = field.choices
        if field.id == "row-level2":
            level1 = form.indicators[self.parts.indicators.row].level1
            choices = tuple(dict.fromkeys([*LEVELS.get(level1, ()), *choices]))

        def chosen(value: str | None) -> None:
            if value is not None:
                field.value = value
                if self.session is not None:
                    self.session.seal()  # a choice is an undo step of its own
            if from_table:
                self.query_one(IndicatorTable).focus()
            elif value is not None:
                field.focus()

        title = "选择" + Address.parse(field.where).label.rsplit("·", 1)[-1]
        self.app.push_screen(ChoiceDialog(title, [(c, c) for c in choices], field.value), chosen)

    def action_add_indicator(self) -> None:
        self._change("add", self.query_one(IndicatorTable).cursor_row)
        self.parts.indicators.focus_field("level1")

    def action_delete_indicator(self) -> None:
        self._change("delete", self.query_one(IndicatorTable).cursor_row)

    def action_validate_folder(self) -> None:
        self._validating = True
        self.reload_folder()
        self.notify("正在检查文件夹中的所有表单…", timeout=2)

    @on(FormList.Summarised)
    def _summarised(self, event: FormList.Summarised) -> None:
        if self._validating:
            self._validating = False
            verdict = (
                f"{event.with_errors} 个表单有错误（共 {event.errors} 个错误），共 {event.warnings} 个警告"
                if event.errors or event.warnings else "全部通过"
            )
            self.notify(f"检查了 {event.files} 个表单：{verdict}", title="校验文件夹", timeout=6)

    def action_choose_rule_set(self) -> None:
        session = self.session
        if session is None or session.form is None:
            return
        if session.read_only:
            self.notify(f"只读：{session.read_only}", severity="warning", timeout=4)
            return

        def chosen(name: str | None) -> None:
            if name is not None and self.session is session:
                self.paint_all(session.set_rule_set(name))

        choices = [(name, rule_set_choice(name, rules.title)) for name, rules in RULE_SETS.items()]
        self.app.push_screen(ChoiceDialog("选择评分规则", choices, session.form.rule_set), chosen)

    def summary(self) -> Summary | None:
        """The open form's line in the form list, as the screen shows it now."""
        return self.view.summary if self.view is not None else None

    def _update_summary(self) -> None:
        summary, path = self.summary(), self.path
        if summary is not None and path is not None:
            self.parts.forms.update_summary(path, summary)

    def _each_second(self) -> None:
        self.flows.keep_recovery()
        if self._list_due:
            self._list_due = False
            self._update_summary()
