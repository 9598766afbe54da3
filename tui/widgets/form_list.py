"""The folder's forms beside the open one: 项目名称, 总分, 等级, and whether it has errors.

Names appear at once; the figures are read in a background thread, so a folder of thousands
of forms is usable immediately. Typing filters the list (project, year, file name), F8 changes
the order (models/form_order.py); the open form carries ● while it has unsaved changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.events import Key
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from models.form_order import SORTS, Entry, arranged, look_alike, next_sort
from models.summary import Summary
from models.validation import validate_file

from ..cell_fit import fit_end, fit_middle

_BATCH = 50
NAME_CELLS = 22  # before the list is laid out: 26 cells wide, less border and padding


class FormList(OptionList):
    BINDINGS = [
        Binding("f8", "next_sort", "排序", id="forms.sort",
                tooltip="表单列表：依次按 名称 / 年度 / 总分 / 错误 排序；直接输入文字筛选，Esc 清除筛选"),
    ]

    @dataclass
    class Chosen(Message):
        path: Path

    @dataclass
    class Summarised(Message):
        """Every form of the folder has been read and checked."""

        files: int
        with_errors: int
        errors: int
        warnings: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.paths: list[Path] = []  # every form of the folder, in the folder's order
        self.shown: list[Path] = []  # those the filter lets through, in the chosen order
        self.summaries: dict[Path, Summary] = {}
        self.query_text = ""
        self.sort = "name"
        self.current: Path | None = None
        self.unsaved = False  # the open form (`current`) has unsaved changes
        self._cells = NAME_CELLS  # the width the prompts were cut to

    @property
    def name_cells(self) -> int:
        """Cells for a name: the list's whole width (26 beside the form, the screen on a narrow one)."""
        width = self.scrollable_content_region.width
        return width if width > 0 else NAME_CELLS

    def on_resize(self) -> None:
        """Names cut to the old width are cut again to the new one (F7 on a narrow screen widens the list)."""
        if self.name_cells != self._cells:
            alike = look_alike(self._entries())
            for index, path in enumerate(self.shown):
                self.replace_option_prompt_at_index(index, self._prompt(path, path in alike))

    def show_folder(self, paths: list[Path], current: Path | None) -> None:
        self.paths = list(paths)
        self.summaries = {path: s for path, s in self.summaries.items() if path in self.paths}
        self.current = current
        self._arrange()
        # Figures are read in the background once the screen has been drawn: the form comes first.
        self.call_after_refresh(self._summarise, list(paths))

    def _entries(self) -> list[Entry]:
        return [Entry(path, self.summaries.get(path)) for path in self.paths]

    def _arrange(self) -> None:
        """Show the forms the filter lets through, in order, keeping the highlighted one if shown."""
        highlighted = self.shown[self.highlighted] if self.highlighted is not None and self.highlighted < len(self.shown) else None
        entries = self._entries()
        alike = look_alike(entries)
        self.shown = [entry.path for entry in arranged(entries, self.query_text, self.sort)]
        self.clear_options()
        self.add_options([Option(self._prompt(path, path in alike), id=str(path)) for path in self.shown])
        count = f"{len(self.shown)}/{len(self.paths)}" if self.query_text else str(len(self.paths))
        self.border_title = f"表单（{count}）F7"
        words = [f"排序：{SORTS[self.sort]} F8"]
        if self.query_text:
            words.insert(0, f"筛选：{self.query_text}" + ("" if self.shown else "（无）"))
        self.border_subtitle = " ".join(words)
        target = highlighted if highlighted in self.shown else self.current
        if target in self.shown:
            self.highlighted = self.shown.index(target)

    def mark_current(self, current: Path | None) -> None:
        if current != self.current:
            previous, self.current, self.unsaved = self.current, current, False
            self._refresh_prompt(previous)
        if current in self.shown:
            self.highlighted = self.shown.index(current)

    def mark_unsaved(self, unsaved: bool) -> None:
        """● before the open form while it has unsaved changes (painted only when that changes)."""
        if unsaved != self.unsaved:
            self.unsaved = unsaved
            self._refresh_prompt(self.current)

    def update_summary(self, path: Path, summary: Summary) -> None:
        """`path`'s line with these figures; nothing is redrawn when they are the ones shown (the
        editor sends them every second while the form is edited, and the list re-renders whole)."""
        if path not in self.paths or self.summaries.get(path) == summary:
            return
        self.summaries[path] = summary
        if self.query_text or self.sort != "name":
            self._arrange()  # a figure the filter or the order depends on may have changed
        else:
            self._refresh_prompt(path)

    def reread(self, path: Path) -> None:
        """`path`'s line from the file (one form: read here, at once), after its edits were dropped."""
        if path in self.paths:
            self.update_summary(path, Summary.of_report(validate_file(path)))

    def _refresh_prompt(self, path: Path | None) -> None:
        if path in self.shown:
            alike = look_alike(self._entries())
            self.replace_option_prompt_at_index(self.shown.index(path), self._prompt(path, path in alike))

    def action_next_sort(self) -> None:
        self.sort = next_sort(self.sort)
        self._arrange()

    def on_key(self, event: Key) -> None:
        """Typing filters; Backspace takes a character back; Esc clears the filter."""
        if event.key == "backspace" and self.query_text:
            self.query_text = self.query_text[:-1]
        elif event.key == "escape" and self.query_text:
            self.query_text = ""
        elif event.is_printable and event.character and (event.character != " " or self.query_text):
            self.query_text += event.character
        else:
            return
        event.stop()
        event.prevent_default()
        self._arrange()

    @work(thread=True, exclusive=True, group="form-summaries")
    def _summarise(self, paths: list[Path]) -> None:
        batch: list[tuple[Path, Summary]] = []
        with_errors = errors = warnings = 0
        for path in paths:
            summary = Summary.of_report(validate_file(path))
            with_errors += summary.errors > 0
            errors += summary.errors
            warnings += summary.warnings
            batch.append((path, summary))
            if len(batch) == _BATCH:
                self.app.call_from_thread(self._apply, batch)
                batch = []
        if batch:
            self.app.call_from_thread(self._apply, batch)
        self.post_message(self.Summarised(len(paths), with_errors, errors, warnings))

    def _apply(self, batch: list[tuple[Path, Summary]]) -> None:
        for path, summary in batch:
            if path in self.paths:
                self.summaries[path] = summary
        if self.query_text or self.sort != "name":
            self._arrange()  # what the user asked for, kept true while figures arrive
            return
        alike = look_alike(self._entries())
        for path, _ in batch:  # in a large folder, rebuilding the list for every batch would cost more
            if path in self.shown:
                self.replace_option_prompt_at_index(self.shown.index(path), self._prompt(path, path in alike))

    def on_form_list_summarised(self) -> None:
        """Every name is known now: sort by project name once (file names until then), nothing jumps twice."""
        self._arrange()

    def _prompt(self, path: Path, with_file: bool) -> Text:
        """The project name cut to the list's width, then 总分, 等级 and a verdict; the file name as
        well where another entry would look the same (cut in the middle: the end tells them apart);
        ● on the open form while unsaved."""
        summary = self.summaries.get(path)
        cells = self._cells = self.name_cells
        marker = "● " if path == self.current and self.unsaved else ""
        project = fit_end(summary.project if summary else path.stem, cells - len(marker))
        name = Text(marker, style="bold yellow").append(project, style="bold" if summary else "")
        if summary is None:
            name.append("\n  …", style="dim")
        else:
            year = f"{summary.year} " if summary.year else ""
            name.append(f"\n  {year}{summary.total} {summary.grade}")
            if summary.errors:
                name.append(f" ✗{summary.errors}错", style="red")
            elif summary.warnings:
                name.append(f" ⚠{summary.warnings}警", style="yellow")
            else:
                name.append(" ✓", style="green")
        if with_file:
            name.append("\n  ").append(fit_middle(path.name, cells - 2), style="dim")
        return name

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.shown[event.option_index]))
