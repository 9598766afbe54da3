"""Where an imported form goes: its file in the folder, named as the editor names new forms, never
over an existing file unless asked. Shared by `jixiao import` and the editor's import command."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from models.atomic import atomic_write, describe_os_error
from models.filenames import form_file_name
from models.toml_io import dumps_form

from .reading.found import Unplaced
from .reading.to_form import ImportedForm


@dataclass(frozen=True)
class Placement:
    target: Path
    written: bool
    message: str  # one line saying where the form went, or why it did not
    exists: bool = False  # not written because a file of that name is there (the caller says how to force)


def place_form(source: Path, imported: ImportedForm, folder: Path, taken: set[Path], force: bool) -> Placement:
    """Write `imported` into `folder`; `taken` holds the files this run wrote (two forms of one run
    never share a file) and gains the new one."""
    form = imported.form
    target = folder / form_file_name(form.year, form.project)
    kind = "项目绩效目标表 → 新自评表" if imported.targets_only else "自评表"
    where = "、".join(imported.areas)
    if target in taken:
        return Placement(target, False, f"{source}（{where}）: 与本次导入的另一张表同名（{target.name}），未写入")
    if os.path.lexists(target) and not force:  # a dangling symlink too: never written through
        link = "（符号链接）" if os.path.islink(target) else ""
        return Placement(target, False, f"{source}（{where}）: {target} 已存在{link}，未覆盖", exists=True)
    try:
        data = dumps_form(form, published=imported.published, texts=imported.texts).encode("utf-8")
        atomic_write(target, data, replace_link=True)  # a symlink there is replaced, its target untouched
    except OSError as error:
        return Placement(target, False, f"{source}（{where}）: 无法写入 {target}：{describe_os_error(error)}")
    taken.add(target)
    shown = "，".join(dict.fromkeys([where, kind]))  # a sheet named 自评表 is not said twice
    return Placement(target, True, f"{source}（{shown}）→ {target}")


def unplaced_lines(source: Path, unplaced: list[Unplaced]) -> list[str]:
    """What could not be placed, one line each with its cell or page."""
    return [f"{source}:{item.place}: " + (f"未能导入“{item.text}”（{item.why}）" if item.text else item.why)
            for item in unplaced]
