"""The folder's forms beside the open one: 项目名称, 总分, 等级, and whether it has errors.

Names appear at once; the figures are read in a background thread, so a folder of thousands
of forms is usable immediately.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from models.summary import Summary
from models.validation import validate_file

_BATCH = 50
NAME_CELLS = 22  # the list is 26 cells wide (30 when shown on a narrow screen), less border and padding


class FormList(OptionList):
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
        self.paths: list[Path] = []

    def show_folder(self, paths: list[Path], current: Path | None) -> None:
        self.paths = list(paths)
        self.clear_options()
        self.add_options([Option(self._prompt(path.stem, None), id=str(path)) for path in paths])
        self.border_title = f"表单（{len(paths)}）F7"
        self.mark_current(current)
        # Figures are read in the background once the screen has been drawn: the form comes first.
        self.call_after_refresh(self._summarise, list(paths))

    def mark_current(self, current: Path | None) -> None:
        if current in self.paths:
            self.highlighted = self.paths.index(current)

    def update_summary(self, path: Path, summary: Summary) -> None:
        if path in self.paths:
            self.replace_option_prompt_at_index(self.paths.index(path), self._prompt(path.stem, summary))

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
            self.update_summary(path, summary)

    def _prompt(self, stem: str, summary: Summary | None) -> Text:
        """Two lines: the project name cropped to the list's width, then 总分, 等级 and a verdict."""
        name = Text(summary.project if summary else stem, style="bold" if summary else "")
        name.truncate(NAME_CELLS, overflow="ellipsis")
        if summary is None:
            return name.append("\n  …", style="dim")
        year = f"{summary.year} " if summary.year else ""
        name.append(f"\n  {year}{summary.total} {summary.grade}")
        if summary.errors:
            name.append(f" ✗{summary.errors}错", style="red")
        elif summary.warnings:
            name.append(f" ⚠{summary.warnings}警", style="yellow")
        else:
            name.append(" ✓", style="green")
        return name

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.paths[event.option_index]))
