"""One open form and everything about it, without a screen: the one place that decides what is kept.

An EditSession owns the form with its undo history (FormEditor), the file (FormDocument: path,
lock, digest, backups, recovery copy), the text typed into a field that the form could not take,
the problems read from the file, and whether the form may change at all. Each operation returns
a frozen View of what to show; a question a flow must ask (lock held, changed on disk, vanished,
hand-edited, recovery found, save failed) is a typed exception or, for the recovery copy, the
`recovery_offer` found on opening. Recovery copies and locks are handled here, never by display
code: a read-only view writes, moves and deletes nothing of the form's.

    session = EditSession.open(Path("2024-项目.toml"))
    view = session.type("funds.current_year.executed", "30.20")
    print(view.figures.total if view.figures else view.problems)
    session.save()
    session.close()
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from .address import Address
from .atomic import describe_os_error
from .checks import figures_not_checkable
from .derivation import Derivation
from .document import ChangedOnDisk, FormDocument, NameTaken, NameTooLong, ReadOnly, Vanished
from .editing import FormEditor, get_value, parse_input
from .field_values import FieldValues
from .form import Form, ScoreSource
from .form_changes import FieldChange, form_changes
from .locking import LockHeld
from .money import MONEY_UNITS, AmountError
from .problems import Problem
from .units import unit_change
from .view import RowCache, View, build_view

__all__ = [
    "ChangedOnDisk", "EditSession", "HandEdited", "LockHeld", "NameTaken", "NameTooLong", "ReadOnly",
    "NoSuchForm", "SaveFailed", "TextNotSaved", "UnknownField", "Vanished", "View",
]


class HandEdited(Exception):
    """The file has comments or its own layout: saving rewrites it. Ask, then save with confirmed=True.

    `comments`: the file has comments of its own (saving drops them), not only another layout.
    """

    def __init__(self, name: str, comments: bool = False) -> None:
        super().__init__(name)
        self.comments = comments


class TextNotSaved(Exception):
    """Fields still hold text read from the file that is not a number: saving would invent a value there.

    The file's text cannot be written back as an amount, and writing 0.00 (the placeholder the
    form holds while the text is shown) would silently change the form; so the save is refused,
    nothing is written, and the message names the fields to correct.
    """

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels
        super().__init__(
            f"这些字段中是文件里读不出数字的文字或空白，保存会把它们改成别的数：{'、'.join(labels)}。"
            "请先填写正确的数字再保存（金额也可以清空）"
        )


class NoSuchForm(FileNotFoundError):
    """EditSession.open was given a path where no form file is (nothing is created, no lock left)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"找不到表单文件“{path}”（不存在或不是文件）")
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownField(LookupError):
    """`type` was given a field key the form does not have (a typo in a script, a row past the end)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"表单中没有字段“{key}”（字段名写错，或指标行号超出范围）")
        self.key = key

    def __str__(self) -> str:
        return str(self.args[0])


class SaveFailed(Exception):
    """The system refused to write (disk full, no permission …); nothing on disk changed, edits kept."""

    def __init__(self, error: OSError) -> None:
        self.error = error
        super().__init__(describe_os_error(error))


def _moved(problem: Problem, key: str) -> Problem:
    """A refused text's problem at its field's key now (its indicator may have moved), the words too."""
    if problem.where == key:
        return problem
    before, after = Address.parse(problem.where).label, Address.parse(key).label
    message = after + problem.message.removeprefix(before) if problem.message.startswith(before) else problem.message
    return replace(problem, where=key, message=message)


class EditSession:
    """The open form. Construct with `open` or `create`; give it back with `close`."""

    def __init__(self, document: FormDocument) -> None:
        self.document = document
        self.editor = FormEditor(document.form) if document.form is not None else None
        self.read_problems: list[Problem] = list(document.problems)  # kept until the file is saved
        self._take_text(document.form, document.refused, document.refused_problems)
        self.recovery_offer: tuple[Form, str] | None = document.recovery() if self.editor else None
        self._recovery_due = False
        self._recovery_written = False  # only a copy this session wrote is removed when edits are undone
        self._rows = RowCache()
        self._derived = Derivation()  # figures and problems, re-derived only where an edit changed them
        self._unit = document.form.money_unit if document.form is not None else ""  # last complete 金额单位
        self.unit_offer: tuple[str, str] | None = None  # (from, to): ask whether to convert the amounts

    def _take_text(self, form: Form | None, refused: Mapping[str, str], why: list[Problem]) -> None:
        """The text in amount fields that came with the form (from the file or a recovery copy).

        Each is kept by field and follows its indicator when rows move (FieldValues).
        """
        self.refused = FieldValues[str](form, refused)  # field → text shown there that the form could not take
        self._refused_problems = FieldValues[Problem](form, {p.where: p for p in why})
        self._file_refused = FieldValues[str](form, refused)  # what of that text came with the form, not unsaved
        # The placeholder the form holds under each such text: while the field holds it again (after
        # undoing what was typed there) the text is shown again, never lost to undo, never saved.
        self._file_placeholders = FieldValues[object](form, {key: get_value(form, key) for key in refused} if form else {})
        self._file_problems = FieldValues[Problem](form, {p.where: p for p in why})

    # --- opening and closing -------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, take_over: bool = False) -> EditSession:
        """Open a form; raises LockHeld when another live editor has it (ask: read-only or take over),
        NoSuchForm when there is no file at `path`. Use as a context manager, or call `close`."""
        if not path.is_file():
            raise NoSuchForm(path)
        return cls(FormDocument.open(path, read_only=read_only, take_over=take_over))

    @classmethod
    def create(cls, form: Form, target: Path) -> EditSession:
        """Write a new form file (new form, next year's copy) and open it.

        Never replaces a file (NameTaken), never creates a folder (SaveFailed, 不存在), refuses a
        name too long to save (NameTooLong), and takes the new file's lock before writing
        (LockHeld); SaveFailed when the system refuses.
        """
        try:
            FormDocument.write_new(form, target)
        except OSError as error:
            raise SaveFailed(error) from error
        return cls.open(target)

    def close(self) -> None:
        """Give the lock back. Unsaved edits stay in the recovery copy if one was written."""
        self.document.close()

    def __enter__(self) -> EditSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- state ---------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.document.path

    @property
    def form(self) -> Form | None:
        return self.editor.form if self.editor else None

    @property
    def read_only(self) -> str | None:
        return self.document.read_only

    @property
    def unsaved(self) -> bool:
        """Edits not in the file: changes to the form, or typed text the form could not take."""
        return self.editor is not None and (self.editor.dirty or self.refused.current() != self._file_refused.current())

    @property
    def lock_notice(self) -> str | None:
        taken = self.document.lock_taken_over
        return taken.taken_over_words() if taken is not None else None

    def text(self, key: str) -> str:
        """What the field at `key` shows: the refused text typed there, or the form's value."""
        if key in self.refused:
            return self.refused[key]
        assert self.editor is not None
        form = self.editor.form
        address = Address.parse(key)
        if address.name == "score" and get_value(form, address.sibling("score_source").key) is ScoreSource.SUGGESTED:
            return ""  # a followed suggestion shows as empty: typing makes it the evaluator's
        value = get_value(form, key)
        return "" if value is None else str(value)

    def reading_problems(self) -> tuple[Problem, ...]:
        """The problems met reading the file, and why each text typed into a field was refused."""
        return (*self.read_problems, *(_moved(p, key) for key, p in self._refused_problems.items()))

    def view(self, *, focus_where: str | None = None, focus_row: int | None = None) -> View:
        """What the screen shows now."""
        if self.editor is None:
            return View(
                self.path, problems=tuple(self.read_problems), read_only=self.read_only,
                message=f"无法打开“{self.path.name}”：下方列出了原因。请用文本编辑器修正后重新打开。",
            )
        form = self.editor.form
        reading = self.reading_problems()
        figures, checked = self._derived.derive(form, reading)
        problems = (*reading, *checked)
        view = build_view(
            self.path, form, figures, problems, self._rows, unsaved=self.unsaved, read_only=self.read_only,
            unknown=frozenset(figures_not_checkable(figures, reading)), refused=self.refused.current(),
            contents=self._derived.contents,
        )
        if focus_where is None and focus_row is None:
            return view
        return replace(view, focus_where=focus_where, focus_row=focus_row)

    # --- edits -----------------------------------------------------------------------------------
    def _editing(self) -> FormEditor:
        if self.editor is None:
            raise ReadOnly("没有打开的表单")
        if self.read_only:
            raise ReadOnly(self.read_only)
        self._recovery_due = True
        return self.editor

    def type(self, key: str, text: str) -> View:
        """Text typed into the field at `key`: taken by the form, or kept as refused text and marked.

        UnknownField when the form has no such field.
        """
        editor = self._editing()
        try:
            return self._type(editor, key, text)
        except (KeyError, IndexError) as error:  # raised before anything changed
            raise UnknownField(key) from error

    def _type(self, editor: FormEditor, key: str, text: str) -> View:
        try:
            value = parse_input(key, text)
        except AmountError as error:
            self.refused[key] = text
            self._refused_problems[key] = Problem(error.code, key, str(error))
            return self.view()
        self.refused.pop(key, None)
        self._refused_problems.pop(key, None)
        address = Address.parse(key)
        if address.name == "score" and address.indicator is not None:
            editor.set_score(address.indicator, value)
        else:
            editor.set(key, value)
        if key == "money_unit":
            self._note_unit(editor.form.money_unit)
        return self.view()

    def _note_unit(self, unit: str) -> None:
        """金额单位 became another known unit: offer converting the amounts (not while still typing 千 → 千元)."""
        if unit not in MONEY_UNITS:
            return
        old, self._unit = self._unit, unit
        self.unit_offer = (old, unit) if old != unit and old in MONEY_UNITS else None

    def ask_again_from(self, unit: str) -> None:
        """The amounts are still in `unit` (a conversion was not made): the next complete 金额单位
        other than it is offered again, even if it is the unit the question was about."""
        self._unit = unit

    def convert_amounts(self, source: str, target: str) -> View:
        """The amounts converted exactly from `source` to `target` units, in the undo step of the unit's change.

        Raises ConversionRefused (nothing changed) when a result could not be kept exactly.
        """
        editor = self._editing()
        self.unit_offer = None
        editor.set_fields(unit_change(editor.form, target, True, source=source), join=True)
        return self.view()

    def seal(self) -> None:
        """Typing into the next field is a new undo step."""
        if self.editor is not None:
            self.editor.seal()

    def restore_suggestion(self, row: int) -> View:
        editor = self._editing()
        key = Address.of_indicator(row, "score").key
        self.refused.pop(key, None)
        self._refused_problems.pop(key, None)
        editor.set_score(row, None)
        return self.view()

    def set_rule_set(self, name: str) -> View:
        self._editing().set("rule_set", name)
        return self.view()

    def add_indicator(self, after: int) -> View:
        editor = self._editing()
        row = editor.insert_indicator(after + 1 if editor.form.indicators else 0)
        return self.view(focus_row=row)

    def delete_indicator(self, row: int) -> View:
        editor = self._editing()
        if not editor.form.indicators:
            return self.view()
        return self.view(focus_row=editor.delete_indicator(row))

    def move_indicator(self, row: int, delta: int) -> View:
        return self.view(focus_row=self._editing().move_indicator(row, delta))

    def undo(self) -> View | None:
        """None when there is nothing to undo."""
        return self._step(undo=True)

    def redo(self) -> View | None:
        return self._step(undo=False)

    def _step(self, undo: bool) -> View | None:
        editor = self._editing()
        change = editor.undo() if undo else editor.redo()
        if change is None:
            return None
        self._restore_file_text(editor.form)
        self._unit, self.unit_offer = editor.form.money_unit, None
        return self.view(focus_where=getattr(change, "where", None), focus_row=getattr(change, "focus", None))

    def _restore_file_text(self, form: Form) -> None:
        """After undo / redo: typed refused text is dropped, the file's own text is back wherever the
        field holds its placeholder again (nothing typed there took)."""
        self.refused.clear()
        self._refused_problems.clear()
        for key in self._holding_placeholders(form):
            self.refused[key] = self._file_refused[key]
            problem = self._file_problems.get(key)
            if problem is not None:
                self._refused_problems[key] = problem

    def _holding_placeholders(self, form: Form) -> list[str]:
        """The fields with text from the file (or recovery copy) whose form value is still only the placeholder."""
        held = []
        for key, placeholder in self._file_placeholders.items():
            with contextlib.suppress(KeyError, IndexError, AttributeError, ValueError):
                if key in self._file_refused and get_value(form, key) == placeholder:
                    held.append(key)
        return held

    def _refuse_inventing(self) -> None:
        """TextNotSaved when a field shows the file's own text while the form holds only its placeholder."""
        assert self.editor is not None
        held = [key for key in self._holding_placeholders(self.editor.form) if key in self.refused]
        if held:
            raise TextNotSaved([Address.parse(key).label for key in held])

    # --- files -----------------------------------------------------------------------------------
    def save(self, *, overwrite: bool = False, confirmed: bool = False) -> View:
        """Write the form where it is.

        Raises HandEdited (ask, then confirmed=True), ReadOnly, Vanished (offer save as),
        ChangedOnDisk (offer overwrite / reload / save as) or SaveFailed; none changes the file.
        """
        if self.editor is None:
            raise ReadOnly("没有可保存的表单")
        if self.read_only:
            raise ReadOnly(self.read_only)
        self._refuse_inventing()
        if self.document.hand_edited and not confirmed:
            raise HandEdited(self.path.name, self.document.comments)
        try:
            self.document.save(self.editor.form, overwrite=overwrite)
        except OSError as error:
            raise SaveFailed(error) from error
        self._saved()
        return self.view()

    def save_as(self, target: Path) -> View:
        """Save to a new file and go on editing that one. NameTaken, NameTooLong, Vanished, LockHeld, SaveFailed."""
        if self.editor is None:
            raise ReadOnly("没有可保存的表单")
        self._refuse_inventing()
        try:
            self.document.save_as(self.editor.form, target)
        except OSError as error:
            raise SaveFailed(error) from error
        self._saved()
        return self.view()

    def rename(self, target: Path) -> View:
        """Rename the file. ReadOnly for a viewer; NameTaken, NameTooLong, Vanished, LockHeld, SaveFailed."""
        if target == self.path:
            return self.view()
        try:
            self.document.rename(target)
        except OSError as error:
            raise SaveFailed(error) from error
        self._recovery_written = False
        self._recovery_due = True  # unsaved edits are copied again under the new name
        return self.view()

    def _saved(self) -> None:
        assert self.editor is not None
        self.editor.mark_saved()
        self.read_problems = []
        self._file_refused.clear()
        self._file_placeholders.clear()
        self._file_problems.clear()
        self._recovery_written = False
        self._recovery_due = False

    def refused_fields(self) -> list[tuple[str, str, str]]:
        """(label, the text typed, what the form holds there and a save writes) for each refused field.

        Refused text never reaches the form: the field keeps its last valid value (空白 if none).
        """
        assert self.editor is not None
        found = []
        for key, typed in self.refused.items():
            value = get_value(self.editor.form, key)
            found.append((Address.parse(key).label, typed, "空白" if value is None or value == "" else str(value)))
        return found

    def refused_labels(self) -> list[str]:
        """Where typed text was not taken (and so is not in the file), in Chinese."""
        return [Address.parse(key).label for key in self.refused]

    # --- recovery --------------------------------------------------------------------------------
    def restore_recovery(self) -> View:
        """Take the edits a crash left; the copy stays until they are saved or copied again."""
        if self.recovery_offer is None or self.read_only:
            return self.view()
        recovered, _ = self.recovery_offer
        self.recovery_offer = None
        self.document.take_recovery_base()
        self.editor = FormEditor(recovered)
        self.editor.mark_unsaved()
        self._unit = recovered.money_unit
        self._take_text(recovered, self.document.recovery_refused, self.document.recovery_problems)
        self._recovery_due = True
        return self.view()

    @property
    def recovery_outdated(self) -> bool:
        """The file was changed (by someone else) after the found recovery copy's edits began."""
        return self.recovery_offer is not None and self.document.recovery_base_changed

    def recovery_changes(self) -> list[FieldChange]:
        """What restoring the waiting copy would change in the form as the file has it, field by field."""
        if self.recovery_offer is None or self.editor is None:
            return []
        return form_changes(self.editor.form, self.recovery_offer[0], self.refused.current(), self.document.recovery_refused)

    def discard_recovery(self) -> None:
        """The user chose to drop the edits a crash left, or to quit without saving."""
        self.recovery_offer = None
        self.document.discard_recovery()
        self._recovery_written = False

    def keep_recovery(self) -> str | None:
        """Called every second: copy unsaved edits aside (or remove the copy once they are undone).

        Does nothing while a found copy waits for the user's answer, and nothing for a viewer.
        Returns a warning to show when the copy cannot be written.
        """
        if not self._recovery_due or self.read_only or self.recovery_offer is not None or self.editor is None:
            return None
        self._recovery_due = False
        gone = self.document.vanished()
        if gone is not None and self.unsaved:
            return f"{gone}：未保存的修改只在程序中，请用“另存为”保存到别处"
        try:
            if self.unsaved:
                form = self.editor.form
                self.document.save_recovery(form, self.refused.current(), self._derived.figures(form))
                self._recovery_written = True
            elif self._recovery_written:
                self.document.discard_recovery()
                self._recovery_written = False
        except OSError as error:
            return f"无法写入自动恢复副本：{describe_os_error(error)}"
        return None

    def rescue(self) -> bool:
        """Write the recovery copy now, whatever happens (before an unforeseen error or a signal ends the app)."""
        if self.read_only or self.editor is None or not self.unsaved or self.recovery_offer is not None:
            return False
        with contextlib.suppress(Exception):
            self.document.save_recovery(self.editor.form, self.refused.current())
            return True
        return False
