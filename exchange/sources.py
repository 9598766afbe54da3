"""The forms an exchange command works on: each file read, scored and checked once, as `validate` does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from models.discovery import find_form_files
from models.problems import Severity
from models.validation import FileReport, validate_file


@dataclass(frozen=True)
class Sources:
    reports: list[FileReport]  # every file found, readable or not, in path order
    missing: list[Path]  # paths given that do not exist

    @property
    def readable(self) -> list[FileReport]:
        return [r for r in self.reports if r.form is not None and r.figures is not None]

    @property
    def unreadable(self) -> list[FileReport]:
        return [r for r in self.reports if r.form is None]

    def count(self, severity: Severity) -> int:
        return sum(r.count(severity) for r in self.reports)


def load_sources(paths: Iterable[str | Path]) -> Sources:
    files, missing = find_form_files(paths)
    return Sources([validate_file(path) for path in files], missing)
