"""Completion of a file path as it is typed (→ accepts it), relative to the open folder; → again
goes on to the next name that matches what was typed (two files 交来的.xlsx and 交来的表/ could
not both be reached before)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.suggester import Suggester
from textual.widgets import Input

from ..widgets.fields import run_own_binding


class PathSuggester(Suggester):
    """Suggests the first folder or file (of the given suffixes) whose name starts as typed, and
    remembers the others for → to cycle through."""

    def __init__(self, folder: Path, suffixes: tuple[str, ...]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.folder, self.suffixes = folder, suffixes
        self.cycle: list[str] = []  # every completion of what was last typed, in order

    async def get_suggestion(self, value: str) -> str | None:
        if value in self.cycle:  # a completion just accepted: keep the others for → to reach
            return value
        self.cycle = self.completions(value)
        return self.cycle[0] if self.cycle else None

    def next_completion(self, value: str) -> str | None:
        """The completion after `value` (the first after the last), when `value` is one of several."""
        if value not in self.cycle or len(self.cycle) < 2:
            return None
        return self.cycle[(self.cycle.index(value) + 1) % len(self.cycle)]

    def completions(self, value: str) -> list[str]:
        head, _, start = value.rpartition("/")
        where = Path(head or ("/" if value.startswith("/") else ".")).expanduser()
        if not where.is_absolute():
            where = self.folder / where
        try:
            names = sorted(entry for entry in where.iterdir()
                           if entry.name.startswith(start) and not entry.name.startswith("."))
        except OSError:
            return []
        found = []
        prefix = value[: len(value) - len(start)]
        for entry in names:
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir or entry.suffix.lower() in self.suffixes:
                found.append(prefix + entry.name + ("/" if is_dir else ""))
        return found


class PathInput(Input):
    """→ at the end of a completed path moves on to the next completion of what was typed; bound
    keys run in the order typed, as in the form's fields (`Ctrl+U name.xlsx` sent at once)."""

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)
        await super()._on_key(event)

    def action_cursor_right(self, select: bool = False) -> None:
        suggester = self.suggester
        if not select and self.cursor_at_end and self._suggestion in ("", self.value) and isinstance(suggester, PathSuggester):
            following = suggester.next_completion(self.value)
            if following is not None:
                self.value = following
                self.cursor_position = len(following)
                return
        super().action_cursor_right(select)
