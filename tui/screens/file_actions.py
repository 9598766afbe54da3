"""File commands of the editor: new form, copy for next year, save as, rename."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from models import Form, save_form
from models.atomic import describe_os_error
from models.filenames import file_name_from_input, form_file_name
from models.templates import copy_for_next_year, new_form

from .dialogs import TextPrompt

if TYPE_CHECKING:
    from .editor import EditorScreen


class FileActions:
    """Mixed into EditorScreen; every command that leaves the open form first asks about unsaved work."""

    def action_new_form(self: EditorScreen) -> None:
        def named(project: str | None) -> None:
            if project:
                year = self.form.year if self.form is not None else None  # the folder's year, not today's
                form = new_form(year=year, project=project)
                self._create(form, self.folder / form_file_name(form.year, project))

        self.guard(lambda: self.app.push_screen(TextPrompt("新建表单：请输入项目名称"), named))

    def action_copy_next_year(self: EditorScreen) -> None:
        if self.form is None:
            return
        current = self.form

        def copy() -> None:
            form = copy_for_next_year(current)
            self._create(form, self.folder / form_file_name(form.year, form.project))

        self.guard(copy)

    def action_save_as(self: EditorScreen) -> None:
        if self.editor is None:
            return
        editor = self.editor

        def named(name: str | None) -> None:
            if not name:
                return
            target = self.folder / file_name_from_input(name)
            if target.exists():
                self.notify(f"“{target.name}”已存在，请换一个名字", severity="error")
                return
            try:
                save_form(editor.form, target)
                if self.document is not None:
                    self.document.discard_recovery()
                    self.document.move_to(target)
            except OSError as error:
                self.notify(f"另存为失败：{describe_os_error(error)}。修改仍保留在程序中。", severity="error", timeout=10)
                return
            self.path = target
            self._saved()
            self.reload_folder()

        current = self.path.name if self.path else form_file_name(editor.form.year, editor.form.project)
        self.app.push_screen(TextPrompt("另存为（文件名）", current, "保存到同一文件夹；回车确定，Esc 取消"), named)

    def action_rename(self: EditorScreen) -> None:
        if self.path is None or not self.path.exists() or not self.writable():
            return  # a form open read-only is someone else's to rename
        source = self.path

        def named(name: str | None) -> None:
            if not name:
                return
            target = source.with_name(file_name_from_input(name))
            if target == source:
                return
            if target.exists():
                self.notify(f"“{target.name}”已存在，请换一个名字", severity="error")
                return
            try:
                source.rename(target)
                if self.document is not None:
                    self.document.discard_recovery()
                    self.document.move_to(target)
            except OSError as error:
                self.notify(f"重命名失败：{describe_os_error(error)}", severity="error")
                return
            self.path = target
            self.reload_folder()
            self.refresh_status()
            self.notify(f"已重命名为 {target.name}", timeout=2)

        self.app.push_screen(TextPrompt("重命名文件", source.stem), named)

    def _create(self: EditorScreen, form: Form, target: Path) -> None:
        if target.exists():
            self.notify(f"“{target.name}”已存在，未覆盖。请先重命名原文件。", severity="error")
            return
        try:
            save_form(form, target)
        except OSError as error:
            self.notify(f"无法创建文件：{describe_os_error(error)}", severity="error")
            return
        self.open_form(target)
        self.reload_folder()
        self.notify(f"已创建 {target.name}", timeout=2)
