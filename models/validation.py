"""Validating form files on disk: what `jixiao validate` reports for each file."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_form
from .form import Form
from .locations import find_line, line_index
from .problems import Problem, Severity
from .scoring import Figures, score_form
from .toml_io import read_form_file


@dataclass
class FileReport:
    path: Path
    form: Form | None = None
    figures: Figures | None = None
    problems: list[Problem] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    @property
    def ok(self) -> bool:
        return self.form is not None and self.count(Severity.ERROR) == 0


def validate_file(path: Path) -> FileReport:
    """Read, score and check one file; every problem carries its line where the file has one."""
    result = read_form_file(path)
    report = FileReport(path, result.form, problems=list(result.problems))
    if result.form is not None:
        report.figures = score_form(result.form)
        found = check_form(result.form, report.figures)
        if found:
            index = line_index(result.text)
            report.problems += [p.at_line(find_line(index, p.where)) for p in found]
    return report


def find_form_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """Files named, and *.toml files under folders named (sorted); and the paths that do not exist."""
    files: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(_tomls_under(path))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def list_folder_forms(folder: Path) -> list[Path]:
    """The forms directly in `folder` (not its subfolders): what the editor lists."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith(".") and p.is_file())
    except OSError:
        return []


def _tomls_under(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # skip .git, backups, caches
        yield from (Path(root, n) for n in names if n.endswith(".toml") and not n.startswith("."))
