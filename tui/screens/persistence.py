"""Opening, saving and closing the form file: locks, recovery, changed-on-disk, hand-edited files.

Mixed into EditorScreen. Every path that could lose work asks first; every failure says why in
Chinese and keeps the edits in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from models.atomic import describe_os_error
from models.document import ChangedOnDisk, FormDocument, ReadOnly
from models.editing import FormEditor
from models.locations import label
from models.locking import LockHeld

from ..widgets.form_list import FormList
from .dialogs import Question, UnsavedChanges

if TYPE_CHECKING:
    from .editor import EditorScreen

Then = Callable[[], None]


def _nothing() -> None:
    return None


class Persistence:
    document: FormDocument | None = None
    _recovery_due = False

    # --- opening -----------------------------------------------------------------------------
    def open_form(self: EditorScreen, path: Path, *, read_only: bool = False, take_over: bool = False) -> None:
        try:
            document = FormDocument.open(path, read_only=read_only, take_over=take_over)
        except LockHeld as held:
            def answered(answer: str | None) -> None:
                if answer == "read_only":
                    self.open_form(path, read_only=True)
                elif answer == "take_over":
                    self.open_form(path, take_over=True)
                elif self.document is None:
                    self.show_nothing(f"未打开“{path.name}”：它正在别处编辑。请在左侧选择其他表单。")

            self.app.push_screen(Question(
                "表单正在别处编辑",
                f"“{path.name}”正被 {held.info.describe()}打开。\n同时编辑会互相覆盖；可以只读方式查看。"
                "\n只有确定那边已经不在编辑（例如那台电脑的程序已关闭）时，才选“接管编辑”。",
                [("read_only", "只读打开", "r"), ("take_over", "接管编辑", "t"), ("cancel", "取消", "escape")],
            ), answered)
            return
        self.close_document()
        self.document = document
        self.path = path
        self.query_one(FormList).mark_current(path)
        self.show_document(document)
        if document.lock_taken_over is not None:
            self.notify(f"已接管 {document.lock_taken_over.describe()} 留下的锁（该进程已不在运行）", timeout=6)
        if document.read_only:
            self.notify(f"只读：{document.read_only}", title="只读", severity="warning", timeout=8)
        self._offer_recovery(document)

    def _offer_recovery(self: EditorScreen, document: FormDocument) -> None:
        found = document.recovery()
        if found is None:
            return
        recovered, when = found

        def answered(answer: str | None) -> None:
            if answer == "restore" and self.document is document:
                self.editor = FormEditor(recovered)
                self.editor.mark_unsaved()
                self.show_model()
                self.notify("已恢复未保存的修改；请检查后保存", timeout=6)
            elif answer == "discard":
                document.discard_recovery()

        self.app.push_screen(Question(
            "发现未保存的修改",
            f"“{document.path.name}”有 {when} 自动留存的未保存修改（程序上次可能异常退出）。\n恢复这些修改吗？",
            [("restore", "恢复", "r"), ("discard", "丢弃", "d")],
        ), answered)

    def close_document(self: EditorScreen) -> None:
        if self.document is not None:
            self.document.close()
            self.document = None

    # --- saving ------------------------------------------------------------------------------
    def save(self: EditorScreen, then: Then = _nothing, *, overwrite: bool = False, confirmed: bool = False) -> None:
        """Save, asking first where the file changed on disk or has comments; `then` runs on success."""
        document, editor = self.document, self.editor
        if document is None or editor is None:
            return
        if document.hand_edited and not confirmed and not document.read_only:
            self.app.push_screen(Question(
                "将按标准格式保存",
                "此文件含有注释或手工排版。保存后将按标准格式重写，注释不会保留；\n"
                "原文件会留在备份中（.jixiao/backups）。继续保存吗？",
                [("save", "保存", "s"), ("cancel", "取消", "escape")],
            ), lambda answer: self.save(then, overwrite=overwrite, confirmed=True) if answer == "save" else None)
            return
        try:
            document.save(editor.form, overwrite=overwrite)
        except ReadOnly as why:
            self.notify(f"不能保存：{why}。可用 Ctrl+P →“另存为”保存副本。", title="只读", severity="error")
            return
        except ChangedOnDisk:
            self._ask_changed_on_disk(then)
            return
        except OSError as error:
            self.notify(
                f"保存失败：{describe_os_error(error)}。修改仍保留在程序中，原文件未受影响。",
                title="无法保存", severity="error", timeout=10,
            )
            return
        self._saved()
        then()

    def _saved(self: EditorScreen) -> None:
        assert self.editor is not None and self.path is not None
        self.editor.mark_saved()
        if self.field_errors:
            places = "、".join(label(where) for where in self.field_errors)
            self.notify(f"已保存，但这些字段的输入无效，未写入文件：{places}", title="注意", severity="warning", timeout=8)
        self.read_problems = []
        self.refresh_status()
        summary = self.summary()
        if summary is not None:
            self.query_one(FormList).update_summary(self.path, summary)
        self.notify(f"已保存 {self.path.name}", timeout=2)

    def _ask_changed_on_disk(self: EditorScreen, then: Then) -> None:
        path = self.path

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                self.save(then, overwrite=True, confirmed=True)
            elif answer == "reload" and path is not None:
                self.close_document()
                self.open_form(path)
            elif answer == "save_as":
                self.action_save_as()

        self.app.push_screen(Question(
            "文件已被其他程序修改",
            f"“{path.name if path else ''}”在打开后被修改过。覆盖会丢失那些修改；\n重新载入会丢失这里未保存的修改。",
            [("save_as", "另存为", "a"), ("overwrite", "覆盖", "o"), ("reload", "重新载入", "l"), ("cancel", "取消", "escape")],
        ), answered)

    def guard(self: EditorScreen, then: Then) -> None:
        """Run `then` once unsaved changes are saved or knowingly dropped (保存 / 不保存 / 取消)."""
        if not self.unsaved:
            then()
            return

        def decided(choice: str | None) -> None:
            if choice == "save" and self.field_errors:  # saving would drop what is typed there
                places = "、".join(label(where) for where in self.field_errors)
                self.notify(f"这些字段的输入无效，请先修正或清空：{places}", title="未保存", severity="error", timeout=8)
            elif choice == "save":
                self.save(then)
            elif choice == "discard":
                if self.document is not None:
                    self.document.discard_recovery()
                then()

        self.app.push_screen(UnsavedChanges(self.path.name if self.path else "新表单"), decided)

    # --- recovery copies -----------------------------------------------------------------------
    def changed(self: EditorScreen) -> None:
        self._recovery_due = True

    def write_recovery(self: EditorScreen) -> None:
        """Runs every second: keeps a copy of unsaved edits beside the form, or removes it."""
        if not self._recovery_due or self.document is None or self.editor is None:
            return
        self._recovery_due = False
        try:
            if self.editor.dirty:
                self.document.save_recovery(self.editor.form)
            else:
                self.document.discard_recovery()
        except OSError as error:
            self.notify(f"无法写入自动恢复副本：{describe_os_error(error)}", severity="warning", timeout=5)
