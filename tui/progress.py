"""A progress bar for long runs (validate, import): on a terminal only, so piped output stays clean."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import Any

SHOW_FROM = 2  # files: a single file needs no bar


class Progress:
    """The count and the file at hand, on stderr, erased when done; nothing when stderr is not a terminal."""

    def __init__(self, total: int, verb: str) -> None:
        self._total = total
        self._verb = verb
        self._bar: Any = None
        self._task: Any = None
        self._done = 0

    def __enter__(self) -> Progress:
        if self._total >= SHOW_FROM and sys.stderr.isatty():
            from rich.console import Console  # noqa: PLC0415 (only when a bar is shown)
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn  # noqa: PLC0415
            from rich.progress import Progress as Bar  # noqa: PLC0415

            self._bar = Bar(TextColumn(self._verb), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self._task = self._bar.add_task("", total=self._total)
            self._bar.start()
        return self

    def at(self, path: Path) -> None:
        """Starting on `path`: the count so far, and its name."""
        if self._bar is not None:
            self._bar.update(self._task, description=path.name, completed=self._done)
        self._done += 1

    def advance(self, count: int) -> None:
        self._done += count
        if self._bar is not None:
            self._bar.update(self._task, completed=self._done)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
