"""Dialogs around the open form's file: open, save, save as, rename, new, next year, recovery, quit.

The edit session decides what is kept and raises a typed outcome for each question; this object
turns those outcomes into dialogs and messages. The screen holds one FileFlows; it reaches the
screen only through the small `Host` protocol, so nothing here imports the screen back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.notifications import SeverityLevel

from models.backups import ORIGINAL_SUFFIX, backup_folder
from models.document import ChangedOnDisk, NameTaken, NameTooLong, ReadOnly, Vanished
from models.filenames import file_name_from_input, form_file_name
from models.form import Form
from models.locking import LockHeld, LockInfo, lock_path
from models.session import EditSession, HandEdited, NoSuchForm, SaveFailed, TextNotSaved
from models.templates import copy_for_next_year, new_form
from models.view import View

from .dialogs import Question, TextPrompt, UnsavedChanges

Then = Callable[[], None]


def _nothing() -> None:
    return None


SHOWN_CHANGES = 8  # the recovery question lists this many changed fields, then counts the rest


def saved_words(session: EditSession, view: View) -> tuple[str, str, SeverityLevel, float]:
    """The notice after a save: (message, title, severity, timeout).

    It says what the file now holds: where typed text was refused, the form kept (and wrote) the
    last valid value; errors left in the form are counted, so "已保存" never reads as "all well".
    """
    lines = [f"已保存 {session.path.name}" + (f"，仍有 {view.errors} 个错误" if view.errors else "")]
    for label, typed, written in session.refused_fields():
        what = f"输入的“{typed}”无效" if typed.strip() else "不能空白"
        lines.append(f"{label}：{what}，未写入；文件中是上一个有效值 {written}")
    if len(lines) == 1 and not view.errors:
        return lines[0], "", "information", 2
    return "\n".join(lines), "注意", "warning", 8


def _listed(session: EditSession) -> str:
    """The recovered copy's changes to the file, one field a line (what the user is choosing)."""
    changes = session.recovery_changes()
    lines = [f"  {change}" for change in changes[:SHOWN_CHANGES]]
    if len(changes) > SHOWN_CHANGES:
        lines.append(f"  ……另有 {len(changes) - SHOWN_CHANGES} 处修改")
    return "\n".join(lines) if lines else "  （与文件内容相同）"


class Host(Protocol):
    """What the flows need of the screen."""

    folder: Path
    session: EditSession | None

    @property
    def app(self) -> App[Any]: ...

    def adopt(self, session: EditSession | None, message: str = "") -> None:
        """Show a newly opened session (closing the old one), or nothing with `message`."""

    def paint_all(self, view: View) -> None:
        """Copy every field's text from the session and paint the view."""

    def saved(self, view: View) -> None:
        """Paint after a save and refresh the form's line in the list."""

    def reload_folder(self) -> None: ...

    def reread_list_entry(self, path: Path) -> None:
        """The form list's line for `path` from the file again (its edits were dropped)."""


class FileFlows:
    def __init__(self, host: Host) -> None:
        self.host = host

    @property
    def app(self) -> App[Any]:
        return self.host.app

    def _error(self, message: str, title: str = "", timeout: float = 10) -> None:
        self.app.notify(message, title=title, severity="error", timeout=timeout)

    # --- opening -------------------------------------------------------------------------------
    def open(self, path: Path, *, read_only: bool = False, take_over: bool = False) -> None:
        current = self.host.session
        if current is not None and current.path == path:
            self.host.adopt(None)  # reopening the same file: its lock is given back first
        try:
            session = EditSession.open(path, read_only=read_only, take_over=take_over)
        except LockHeld as held:
            self._ask_lock(path, held.info)
            return
        except NoSuchForm as missing:  # gone since the list was read
            self._error(f"无法打开：{missing}", title="无法打开")
            self.host.reload_folder()
            return
        self.host.adopt(session)
        if session.lock_notice:
            self.app.notify(session.lock_notice, timeout=8)
        if session.read_only:
            self.app.notify(f"只读：{session.read_only}", title="只读", severity="warning", timeout=8)
        self._offer_recovery(session)

    def _ask_lock(self, path: Path, holder: LockInfo) -> None:
        def answered(answer: str | None) -> None:
            if answer == "read_only":
                self.open(path, read_only=True)
            elif answer == "take_over":
                self.open(path, take_over=True)
            elif self.host.session is None:
                self.host.adopt(None, f"未打开“{path.name}”：它正在别处编辑。请在左侧选择其他表单。")

        if holder.alive_here:  # a running editor on this machine: taking over would overrule it
            text = (f"“{path.name}”正在本机的另一个 jixiao 中编辑：{holder.describe()}。\n"
                    "同时编辑会互相覆盖；可以只读方式查看，或先在那边保存并退出。\n"
                    f"锁文件：{lock_path(path)}")
            buttons = [("read_only", "只读打开", "r"), ("cancel", "取消", "escape")]
        elif holder.unsure_here:
            text = (f"“{path.name}”的锁属于 {holder.describe()}。本机有该编号的进程在运行，"
                    "但无法确认该进程是否仍是 jixiao。\n"
                    f"锁文件：{lock_path(path)}\n只有确定没有别的 jixiao 在编辑此表单时，才选“接管编辑”。")
            buttons = [("read_only", "只读打开", "r"), ("take_over", "接管编辑", "t"), ("cancel", "取消", "escape")]
        else:
            text = (f"“{path.name}”正被 {holder.describe()}打开。\n同时编辑会互相覆盖；可以只读方式查看。"
                    "\n只有确定那边已经不在编辑（例如那台电脑的程序已关闭）时，才选“接管编辑”。"
                    f"\n锁文件：{lock_path(path)}")
            buttons = [("read_only", "只读打开", "r"), ("take_over", "接管编辑", "t"), ("cancel", "取消", "escape")]
        self.app.push_screen(Question("表单正在别处编辑", text, buttons), answered)

    def _offer_recovery(self, session: EditSession) -> None:
        """Ask until answered: the copy is removed only after 恢复 (and a save) or 丢弃."""
        if session.recovery_offer is None:
            return
        _, when = session.recovery_offer

        def answered(answer: str | None) -> None:
            if self.host.session is not session:
                return
            if answer == "restore":
                self.host.paint_all(session.restore_recovery())
                self.app.notify("已恢复未保存的修改；请检查后保存", timeout=6)
            elif answer == "discard":
                session.discard_recovery()
            else:
                self._offer_recovery(session)  # not answered: the copy waits, and so does the question

        self.app.push_screen(Question(
            "发现未保存的修改",
            f"“{session.path.name}”有 {when} 自动留存的未保存修改（程序上次可能异常退出）：\n"
            f"{_listed(session)}\n"
            + ("注意：这些修改开始之后，文件又被改动过；恢复后保存时会询问是否覆盖那些改动。\n" if session.recovery_outdated else "")
            + "恢复这些修改吗？选择之前，这份留存不会被删除。",
            [("restore", "恢复", "r"), ("discard", "丢弃", "d")],
        ), answered)

    # --- saving --------------------------------------------------------------------------------
    def save(self, then: Then = _nothing, *, overwrite: bool = False, confirmed: bool = False) -> None:
        """Save, asking first where the file changed, vanished or has comments; `then` runs on success."""
        session = self.host.session
        if session is None or session.editor is None:
            return
        try:
            view = session.save(overwrite=overwrite, confirmed=confirmed)
        except HandEdited as edited:
            self._ask_hand_edited(session, then, overwrite, edited.comments)
        except ReadOnly as why:
            self._error(f"不能保存：{why}。可用 Ctrl+P →“另存为”保存副本。", title="只读", timeout=6)
        except Vanished as gone:
            self._ask_vanished(gone)
        except ChangedOnDisk:
            self._ask_changed_on_disk(session, then)
        except SaveFailed as failed:
            self._error(f"保存失败：{failed}。修改仍保留在程序中，原文件未受影响。", title="无法保存")
        except TextNotSaved as held:
            self._error(f"未保存：{held}。文件未被改动。", title="无法保存", timeout=10)
        else:
            self._saved(session, view)
            then()

    def _saved(self, session: EditSession, view: View) -> None:
        self.host.saved(view)
        message, title, severity, timeout = saved_words(session, view)
        self.app.notify(message, title=title, severity=severity, timeout=timeout, markup=False)


    def _ask_hand_edited(self, session: EditSession, then: Then, overwrite: bool, comments: bool) -> None:
        kept = backup_folder(session.path)
        what = ("此文件含有注释。保存后将按标准格式重写，注释不会保留；" if comments
                else "此文件的排版与标准格式不同（如键的顺序、空行或数字写法）。保存后将按标准格式重写，填写的内容不变；")
        self.app.push_screen(Question(
            "将按标准格式保存",
            f"{what}\n"
            f"原文件会一直保留在 {kept.parent.parent.name}/{kept.parent.name}/{kept.name}/ 中"
            f"（名字以“{ORIGINAL_SUFFIX}”结尾），直到您删除它。继续保存吗？",
            [("save", "保存", "s"), ("cancel", "取消", "escape")],
        ), lambda answer: self.save(then, overwrite=overwrite, confirmed=True) if answer == "save" else None)

    def _ask_vanished(self, gone: Vanished) -> None:
        self.app.push_screen(Question(
            "文件已不在原处",
            f"{gone}。\n为免保存到没有人会去找的地方，程序不会重新创建它。\n"
            "请“另存为”到您选择的位置（可输入完整路径）；修改仍保留在程序中。",
            [("save_as", "另存为", "a"), ("cancel", "取消", "escape")],
        ), lambda answer: self.save_as() if answer == "save_as" else None)

    def _ask_changed_on_disk(self, session: EditSession, then: Then) -> None:
        path = session.path

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                self.save(then, overwrite=True, confirmed=True)
            elif answer == "reload":  # the user drops these edits: their recovery copy goes with them
                session.discard_recovery()
                self.open(path)
            elif answer == "save_as":
                self.save_as()

        self.app.push_screen(Question(
            "文件已被其他程序修改",
            f"“{path.name}”在打开后被修改过。覆盖会丢失那些修改；\n重新载入会丢失这里未保存的修改。",
            [("save_as", "另存为", "a"), ("overwrite", "覆盖", "o"), ("reload", "重新载入", "l"), ("cancel", "取消", "escape")],
        ), answered)

    def guard(self, then: Then, before: str = "继续") -> None:
        """Run `then` once unsaved changes are saved or knowingly dropped (保存 / 不保存 / 取消).

        `before` names what `then` does, for the question: 退出 → 退出前保存修改吗？
        """
        session = self.host.session
        if session is None or not session.unsaved:
            then()
            return

        def decided(choice: str | None) -> None:
            if choice == "save" and session.refused:  # saving would drop what is typed there
                places = "、".join(session.refused_labels())
                self._error(f"这些字段的输入无效，请先修正或清空：{places}", title="未保存", timeout=8)
            elif choice == "save":
                self.save(then)
            elif choice == "discard":
                session.discard_recovery()
                dropped = session.path
                then()
                self.host.reread_list_entry(dropped)  # the list showed the dropped edits' figures

        self.app.push_screen(UnsavedChanges(session.path.name, before), decided)

    # --- other names ---------------------------------------------------------------------------
    def _target(self, text: str, session: EditSession | None) -> Path:
        """Where a typed name or path points: a bare name goes beside the open form (or in the folder)."""
        typed = Path(text).expanduser()
        base = session.path.parent if session is not None and session.path.parent.is_dir() else self.host.folder
        folder = base if len(typed.parts) <= 1 else (typed.parent if typed.is_absolute() else base / typed.parent)
        return folder / file_name_from_input(typed.name)

    @staticmethod
    def _name_problem_text(error: Exception, action: str, unsaved: bool = True) -> str:
        """Why another name was refused, and (when there are any) that the changes were not lost."""
        kept = "修改仍保留在程序中。" if unsaved else ""
        if isinstance(error, LockHeld):
            return f"{action}失败：该名字的表单正被 {error.info.describe()}打开，请换一个名字。{kept}"
        if isinstance(error, NameTaken | NameTooLong | SaveFailed):
            return f"{action}失败：{error}。{kept}"
        return f"{action}失败：{error}"

    def _name_problem(self, error: Exception, action: str) -> None:
        self._error(self._name_problem_text(error, action), timeout=6 if isinstance(error, NameTaken | NameTooLong) else 10)

    def _ask_name(self, session: EditSession, title: str, hint: str, action: str,
                  step: Callable[[str], View], done: Callable[[View], None]) -> None:
        """A box for another name: `step` tries each name typed; a refusal keeps the box open with
        why, to correct the name; once it closed after a success, `done` shows the result."""
        views: list[View] = []

        def accept(name: str) -> str | None:
            if self.host.session is not session:
                return None
            try:
                views.append(step(name))
            except (LockHeld, NameTaken, NameTooLong, SaveFailed, ReadOnly, TextNotSaved, Vanished) as error:
                return self._name_problem_text(error, action, session.unsaved)
            return None

        def closed(name: str | None) -> None:
            if views and self.host.session is session:
                done(views[0])

        self.app.push_screen(TextPrompt(title, session.path.stem, hint, accept), closed)

    def save_as(self) -> None:
        session = self.host.session
        if session is None or session.editor is None:
            return

        def done(view: View) -> None:
            self._saved(session, view)
            self.host.reload_folder()

        here = session.path.parent.is_dir()
        hint = "保存到同一文件夹；也可输入完整路径。回车确定，Esc 取消" if here else \
            f"原文件夹已不存在：请输入完整路径（如 {Path.home() / session.path.name}）。回车确定，Esc 取消"
        self._ask_name(session, "另存为（文件名或路径）", hint, "另存为",
                       lambda name: session.save_as(self._target(name, session)), done)

    def rename(self) -> None:
        session = self.host.session
        if session is None or session.editor is None:
            return
        if session.read_only:  # a form open read-only is someone else's to rename
            self._error(f"不能重命名：{session.read_only}", title="只读", timeout=4)
            return
        gone = session.document.vanished()
        if gone is not None:
            self._ask_vanished(gone)
            return

        def done(view: View) -> None:
            self.host.reload_folder()
            self.host.paint_all(view)
            self.app.notify(f"已重命名为 {session.path.name}", timeout=2)

        self._ask_name(session, "重命名文件", "文件名（不必写 .toml）。回车确定，Esc 取消", "重命名",
                       lambda name: session.rename(session.path.with_name(file_name_from_input(name))), done)

    def new_form(self) -> None:
        session = self.host.session
        year = session.form.year if session is not None and session.form is not None else None  # the folder's year

        def named(project: str | None) -> None:
            if project:
                form = new_form(year=year, project=project)
                self._create(form, self.host.folder / form_file_name(form.year, project))

        def ask() -> None:
            self.app.push_screen(TextPrompt("新建表单：请输入项目名称"), named)

        self.guard(ask, "新建表单")

    def copy_next_year(self) -> None:
        session = self.host.session
        if session is None or session.form is None:
            return
        current = session.form
        folder = session.path.parent if session.path.parent.is_dir() else self.host.folder

        def copy() -> None:
            form = copy_for_next_year(current)
            self._create(form, folder / form_file_name(form.year, form.project))

        self.guard(copy, "复制为下一年度")

    def _create(self, form: Form, target: Path) -> None:
        try:
            session = EditSession.create(form, target)
        except NameTaken:
            self._error(f"“{target.name}”已存在，未覆盖。请先重命名原文件。", timeout=6)
            return
        except (LockHeld, NameTooLong, SaveFailed) as error:
            self._name_problem(error, "创建文件")
            return
        self.host.adopt(session)
        self.host.reload_folder()
        self.app.notify(f"已创建 {target.name}", timeout=2)

    # --- every second ----------------------------------------------------------------------------
    def keep_recovery(self) -> None:
        session = self.host.session
        if session is None:
            return
        warning = session.keep_recovery()
        if warning:
            self.app.notify(warning, severity="warning", timeout=5)
