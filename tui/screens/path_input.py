"""Completion of a file path as it is typed (→ accepts it), relative to the open folder."""

from __future__ import annotations

from pathlib import Path

from textual.suggester import Suggester


class PathSuggester(Suggester):
    """Suggests the first folder or file (of the given suffixes) whose name starts as typed."""

    def __init__(self, folder: Path, suffixes: tuple[str, ...]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.folder, self.suffixes = folder, suffixes

    async def get_suggestion(self, value: str) -> str | None:
        head, _, start = value.rpartition("/")
        where = Path(head or ("/" if value.startswith("/") else ".")).expanduser()
        if not where.is_absolute():
            where = self.folder / where
        try:
            names = sorted(entry for entry in where.iterdir()
                           if entry.name.startswith(start) and not entry.name.startswith("."))
        except OSError:
            return None
        for entry in names:
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir or entry.suffix.lower() in self.suffixes:
                prefix = value[: len(value) - len(start)]
                return prefix + entry.name + ("/" if is_dir else "")
        return None
