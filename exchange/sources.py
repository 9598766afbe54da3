"""The forms an exchange command works on: each file read, scored and checked once, as `validate` does."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from models.discovery import Entry, PathProblem, find_form_files
from models.problems import Severity
from models.validation import FileReport, unreadable_report, validate_file


@dataclass(frozen=True)
class Sources:
    reports: list[FileReport]  # every file found, readable or not, in path order
    missing: list[PathProblem]  # paths given that cannot be read (absent, a FIFO, no permission…)

    @property
    def readable(self) -> list[FileReport]:
        return [r for r in self.reports if r.form is not None and r.figures is not None]

    @property
    def unreadable(self) -> list[FileReport]:
        return [r for r in self.reports if r.form is None]

    def count(self, severity: Severity) -> int:
        return sum(r.count(severity) for r in self.reports)


def load_sources(paths: Iterable[str | Path]) -> Sources:
    """Paths given that cannot be read are `missing`; what cannot be read inside a folder given (a
    subfolder that cannot be listed, a FIFO) is an unreadable report, like a file that cannot be opened."""
    given = [Path(p) for p in paths]
    entries = _distinct(find_form_files(given))
    missing = [e for e in entries if isinstance(e, PathProblem) and e.path in given]
    reports = [validate_file(e) if isinstance(e, Path) else unreadable_report(e) for e in entries if e not in missing]
    return Sources(reports, missing)


def _distinct(entries: list[Entry]) -> list[Entry]:
    """Each file once, however it was reached (`s s/x.toml`, `s s`, a symlink to `s`): by its
    resolved path, first occurrence kept, so no form is counted or exported twice."""
    seen: set[str] = set()
    kept: list[Entry] = []
    for entry in entries:
        key = os.path.realpath(entry if isinstance(entry, Path) else entry.path)
        if key not in seen:
            seen.add(key)
            kept.append(entry)
    return kept
