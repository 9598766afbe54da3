"""The editor: the folder's forms, the open form in panes, the score bar and the problems.

Data flows one way: a keystroke changes a field → the FormEditor changes the model → the rules
recompute → only the widgets that show derived figures or marks are updated (no recompose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static, TextArea

from models import Figures, Form, Problem, Severity, check_form, score_form
from models.catalog import LEVELS
from models.discovery import list_folder_forms
from models.document import FormDocument
from models.editing import FormEditor, parse_input
from models.locations import label
from models.money import MONEY_UNITS, AmountError, fmt
from models.rules import RULE_SETS
from models.units import ConversionRefused, conversion_factor_text, unit_change

from ..widgets.fields import (
    FieldInput,
    FieldText,
    FieldWidget,
    dom_id,
    field_text,
    show_text,
)
from ..widgets.form_list import FormList, Summary
from ..widgets.indicators import IndicatorsPane, IndicatorTable
from ..widgets.panes import FundsPane, GoalsPane, HeaderPane, Pane
from ..widgets.status import ProblemsPanel, ScoreBar
from .dialogs import ChoiceDialog
from .file_actions import FileActions
from .persistence import Persistence


@dataclass(frozen=True)
class _Parts:
    funds: FundsPane
    indicators: IndicatorsPane
    problems: ProblemsPanel
    score_bar: ScoreBar
    header: HeaderPane
    forms: FormList


_ROW_FIELD = re.compile(r"indicators\[(\d+)\](?:\.(\w+))?")
PANES = {"header": "#f-year", "funds": "#funds FieldInput", "goals": "#f-goals-expected"}


class EditorScreen(Persistence, FileActions, Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", id="save"),
        Binding("ctrl+z", "undo", "撤销", priority=True, id="undo"),
        Binding("ctrl+y", "redo", "重做", priority=True, id="redo"),
        Binding("f1", "app.help", "帮助", id="help"),
        Binding("f2", "focus_pane('header')", "基本信息", show=False, priority=True, id="pane.header", tooltip="跳到基本信息"),
        Binding("f3", "focus_pane('funds')", "资金", show=False, priority=True, id="pane.funds", tooltip="跳到项目资金"),
        Binding("f4", "focus_pane('goals')", "目标", show=False, priority=True, id="pane.goals", tooltip="跳到年度总体目标"),
        Binding("f5", "focus_pane('indicators')", "指标", show=False, priority=True, id="pane.indicators", tooltip="跳到绩效指标表格"),
        Binding("f6", "focus_pane('problems')", "问题", show=False, priority=True, id="pane.problems", tooltip="跳到问题列表（回车跳到出问题的字段）"),
        Binding("f7", "focus_pane('forms')", "表单列表", show=False, priority=True, id="pane.forms", tooltip="跳到表单列表（窄屏时显示/隐藏）"),
        Binding("ctrl+r", "restore_suggestion", "恢复建议得分", show=False, id="restore_suggestion", tooltip="当前指标的得分改回规则建议值"),
        Binding("ctrl+o", "choose_value", "从列表选择", show=False, id="choose_value", tooltip="一级、二级指标和定性完成值：从常用列表中选择"),
    ]

    def __init__(self, folder: Path, path: Path | None) -> None:
        super().__init__()
        self.folder = folder
        self.path = path
        self.editor: FormEditor | None = None
        self.figures: Figures | None = None
        self.problems: list[Problem] = []
        self.read_problems: list[Problem] = []  # from reading the file; kept until it is saved
        self.field_errors: dict[str, Problem] = {}  # typed text the model could not take
        self._marks: dict[str, tuple[Severity, str]] = {}
        self._fields: list[FieldWidget] = []
        self._validating = False
        self._list_due = False
        self._parts: _Parts | None = None
        self._unit = ""  # the last complete 金额单位, to offer converting from it

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
        paths = self.query_one(FormList).paths
        first = self.path or (paths[0] if paths else None)
        if first is not None:
            self.open_form(first)
        else:
            self.show_nothing(f"文件夹“{self.folder}”中还没有表单。按 Ctrl+P 选择“新建表单”。")

    def on_unmount(self) -> None:
        self.close_document()  # however the app ends, the lock is given back

    def reload_folder(self) -> None:
        files = list_folder_forms(self.folder)
        if self.path is not None and self.path not in files and self.path.exists():
            files.append(self.path)
        self.query_one(FormList).show_folder(files, self.path)

    # --- showing a document ----------------------------------------------------------------
    def show_document(self, document: FormDocument) -> None:
        """Put an opened file on screen: its form in the panes, or why it cannot be shown."""
        self.field_errors.clear()
        self.read_problems = list(document.problems)
        if document.form is None:
            self.editor = None
            self.show_nothing(f"无法打开“{document.path.name}”：下方列出了原因。请用文本编辑器修正后重新打开。")
            self.refresh_status()
            return
        self.editor = FormEditor(document.form)
        self.query_one("#empty").display = False
        self.query_one("#form").display = True
        self.show_model()
        self.action_focus_pane("header")

    def show_nothing(self, message: str) -> None:
        self.query_one("#form").display = False
        empty = self.query_one("#empty", Static)
        empty.display = True
        empty.update(message)
        self.figures = None

    @property
    def unsaved(self) -> bool:
        """Edits not in the file: changes to the form, or typed text the form could not take."""
        return self.editor is not None and (self.editor.dirty or bool(self.field_errors))

    def writable(self) -> bool:
        """False (and the user told why) when the open form must not change."""
        if self.editor is None:
            return False
        if self.document is not None and self.document.read_only:
            self.notify(f"只读：{self.document.read_only}", severity="warning", timeout=4)
            return False
        return True

    # --- edits -----------------------------------------------------------------------------
    @on(Input.Changed, "FieldInput")
    @on(TextArea.Changed, "FieldText")
    def _field_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        field = event.input if isinstance(event, Input.Changed) else event.text_area
        assert isinstance(field, FieldInput | FieldText)
        if not self.writable():
            if self.editor is not None:
                show_text(field, field_text(self.editor.form, field.where))  # read-only: put it back
            return
        self.edit(field.where, field.value if isinstance(field, FieldInput) else field.text)

    def edit(self, where: str, text: str) -> None:
        assert self.editor is not None
        try:
            value = parse_input(where, text)
        except AmountError as error:
            self.field_errors[where] = Problem(error.code, where, str(error))
            self.refresh_status()
            return
        self.field_errors.pop(where, None)
        row = _ROW_FIELD.fullmatch(where)
        if row and row.group(2) == "score":
            self.editor.set_score(int(row.group(1)), value)
        else:
            self.editor.set(where, value)
        self._refresh_figures()
        if where == "money_unit":
            self.offer_unit_conversion()

    def on_descendant_blur(self) -> None:
        if self.editor is not None:
            self.editor.seal()  # typing into the next field is a new undo step

    @on(IndicatorTable.RowAction)
    def _row_action(self, event: IndicatorTable.RowAction) -> None:
        if not self.writable():
            return
        assert self.editor is not None
        count = len(self.editor.form.indicators)
        if event.action == "add":
            row = self.editor.insert_indicator(event.row + 1 if count else 0)
        elif event.action == "delete" and count:
            row = self.editor.delete_indicator(event.row)
        elif event.action in ("up", "down"):
            row = self.editor.move_indicator(event.row, -1 if event.action == "up" else 1)
        else:
            return
        self.show_model(focus_row=row)

    @on(IndicatorsPane.RowChanged)
    def _row_changed(self) -> None:
        if self.editor is not None and self.figures is not None:
            pane = self.query_one(IndicatorsPane)
            pane.show_row_editor(self.editor.form, self.figures.indicators)
            self._apply_marks()

    @on(FundsPane.Rebuilt)
    def _funds_rebuilt(self) -> None:
        """The funds pane has the rows of the open form's layout now: show the form in them."""
        self._fields = [*self.query(FieldInput), *self.query(FieldText)]
        if self.editor is not None:
            self.show_model()

    @on(HeaderPane.ChooseRuleSet)
    def _choose_rule_set(self) -> None:
        self.choose_rule_set()

    @on(ProblemsPanel.Jump)
    def _jump(self, event: ProblemsPanel.Jump) -> None:
        self.focus_where(event.where)

    @on(FormList.Chosen)
    def _form_chosen(self, event: FormList.Chosen) -> None:
        self.remove_class("-show-forms")
        if event.path != self.path:
            self.guard(lambda: self.open_form(event.path))

    # --- showing ---------------------------------------------------------------------------
    def offer_unit_conversion(self) -> None:
        """金额单位 became another known unit: convert the amounts exactly, or keep the numbers."""
        assert self.editor is not None
        editor, old, new = self.editor, self._unit, self.editor.form.money_unit
        if new not in MONEY_UNITS:
            return  # still typing (千 → 千元): nothing to offer yet
        self._unit = new
        if old == new or old not in MONEY_UNITS:
            return

        def chosen(answer: str | None) -> None:
            if answer != "convert":
                return
            try:
                values = unit_change(editor.form, new, True, source=old)
            except ConversionRefused as refused:  # nothing converted: the amounts stay as they are
                self.notify(str(refused), title="无法换算", severity="error", timeout=10)
                return
            if editor.set_fields(values):
                self.show_model()

        self.app.push_screen(ChoiceDialog(f"金额单位由 {old} 改为 {new}", [
            ("convert", f"换算金额（{conversion_factor_text(old, new)}）"), ("keep", "只改单位，数字不变"),
        ], "convert"), chosen)

    def show_model(self, focus_row: int | None = None) -> None:
        """Copy the whole model into the widgets (after opening, undo, or a row change)."""
        assert self.editor is not None
        form = self.editor.form
        self._unit = form.money_unit
        for pane in self.query(Pane):
            if not isinstance(pane, IndicatorsPane):
                pane.show(form)
        self._refresh_figures()
        pane = self.query_one(IndicatorsPane)
        if focus_row is not None and form.indicators:
            pane.table.move_cursor(focus_row)
        assert self.figures is not None
        pane.show_row_editor(form, self.figures.indicators)
        self._apply_marks()

    def _refresh_figures(self) -> None:
        assert self.editor is not None
        form = self.editor.form
        self.figures = score_form(form)
        self.parts.funds.show_figures(form, self.figures)
        self.refresh_status()
        indicators = self.parts.indicators
        marks = {where: severity for where, (severity, _) in self._marks.items()}
        indicators.show_rows(form, self.figures.indicators, marks)
        indicators.show_row_note(form, self.figures.indicators)

    def refresh_status(self) -> None:
        """Problems, marks on fields, score bar and the unsaved marker."""
        checked = check_form(self.editor.form, self.figures) if self.editor and self.figures else []
        self.problems = [*self.read_problems, *self.field_errors.values(), *checked]
        marks: dict[str, tuple[Severity, str]] = {}
        for problem in self.problems:
            if problem.where not in marks or (problem.is_error and marks[problem.where][0] is not Severity.ERROR):
                marks[problem.where] = (problem.severity, problem.message)
        self._marks = marks
        self._apply_marks()
        self.parts.problems.show(self.problems)
        dirty = self.unsaved
        read_only = self.document.read_only if self.document else None
        self.parts.score_bar.show(self.figures, self.problems, dirty, read_only is not None)
        if self.editor is not None:
            self.changed()
            self._list_due = True
        title = f"基本信息 F2 — {self.path.name if self.path else '新表单'}"
        header = self.parts.header
        if header.border_title != title:
            header.border_title = title

    def _apply_marks(self) -> None:
        for field in self._fields:
            severity, message = self._marks.get(field.where, (None, None))
            field.set_class(severity is Severity.ERROR, "-problem-error")
            field.set_class(severity is Severity.WARNING, "-problem-warning")
            if field.tooltip != message:
                field.tooltip = message

    # --- moving around ---------------------------------------------------------------------
    def focus_where(self, where: str) -> None:
        """Move focus to the field a problem is about (or the nearest thing that shows it)."""
        row = _ROW_FIELD.match(where)
        if row:
            self.query_one(IndicatorsPane).focus_cell(int(row.group(1)), row.group(2))
            return
        if where.startswith("indicators"):
            self.query_one(IndicatorTable).focus()
            return
        targets = self.query(f"#{dom_id(where)}")
        if targets:
            targets.first().focus()
        elif where.startswith("funds") or where.startswith("figures"):
            self.action_focus_pane("funds")
        else:
            self.action_focus_pane("header")

    def action_focus_pane(self, pane: str) -> None:
        target: Widget
        if pane == "forms":
            # On a narrow screen the list is hidden until asked for; F7 again hides it.
            target = self.query_one(FormList)
            self.set_class(not target.has_focus, "-show-forms")
            self.call_after_refresh(target.focus)
            return
        if pane == "problems" and not self.problems:
            self.notify("没有问题", timeout=2)
            return
        if pane == "indicators":
            target = self.query_one(IndicatorTable)
        elif pane == "problems":
            target = self.query_one(ProblemsPanel)
        else:
            target = self.query(PANES[pane]).first()
        if target.display:
            target.focus()

    # --- commands --------------------------------------------------------------------------
    def action_save(self) -> None:
        self.save()

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, undo: bool) -> None:
        if not self.writable():
            return
        assert self.editor is not None
        change = self.editor.undo() if undo else self.editor.redo()
        if change is None:
            self.notify("没有可以撤销的修改" if undo else "没有可以重做的修改", timeout=2)
            return
        self.field_errors.clear()
        focus_row = getattr(change, "focus", None)
        self.show_model(focus_row=focus_row)
        where = getattr(change, "where", None)
        if where:
            self.focus_where(where)

    def action_restore_suggestion(self) -> None:
        pane = self.query_one(IndicatorsPane)
        if not self.writable() or self.editor is None or not self.editor.form.indicators:
            return
        self.editor.set_score(pane.row, None)
        self.field_errors.pop(f"indicators[{pane.row}].score", None)
        show_text(pane.query_one("#row-score", FieldInput), "")
        self._refresh_figures()
        self.notify("已恢复为建议得分", timeout=2)

    def action_choose_value(self) -> None:
        field = self.focused
        if not isinstance(field, FieldInput) or not field.choices or self.editor is None:
            self.notify("此字段没有可选列表", timeout=2)
            return
        choices = field.choices
        if field.id == "row-level2":
            level1 = self.editor.form.indicators[self.query_one(IndicatorsPane).row].level1
            choices = tuple(dict.fromkeys([*LEVELS.get(level1, ()), *choices]))

        def chosen(value: str | None) -> None:
            if value is not None:
                field.value = value
                field.focus()

        title = "选择" + label(field.where).rsplit("·", 1)[-1]
        self.app.push_screen(ChoiceDialog(title, [(c, c) for c in choices], field.value), chosen)

    def add_indicator(self) -> None:
        self._row_action(IndicatorTable.RowAction("add", self.query_one(IndicatorTable).cursor_row))
        self.query_one(IndicatorsPane).focus_field("level1")

    def delete_indicator(self) -> None:
        self._row_action(IndicatorTable.RowAction("delete", self.query_one(IndicatorTable).cursor_row))

    def validate_folder(self) -> None:
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

    def choose_rule_set(self) -> None:
        if not self.writable() or self.editor is None:
            return
        editor = self.editor

        def chosen(name: str | None) -> None:
            if name is not None and editor.set("rule_set", name):
                self.show_model()

        choices = [(name, f"{rules.title}（{name}）") for name, rules in RULE_SETS.items()]
        self.app.push_screen(ChoiceDialog("选择评分规则", choices, editor.form.rule_set), chosen)

    def summary(self) -> Summary | None:
        """The open form's line in the form list, as the screen shows it now."""
        if self.editor is None or self.figures is None:
            return None
        errors = sum(p.is_error for p in self.problems)
        form = self.editor.form
        return Summary(form.year, form.project, fmt(self.figures.total), self.figures.grade, errors,
                       len(self.problems) - errors)

    def _each_second(self) -> None:
        self.write_recovery()
        if self._list_due and self.path is not None:
            self._list_due = False
            summary = self.summary()
            if summary is not None:
                self.query_one(FormList).update_summary(self.path, summary)

    @property
    def form(self) -> Form | None:
        return self.editor.form if self.editor else None
