"""Validating form files on disk: what `jixiao validate` reports for each file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_form, figures_not_checkable
from .discovery import PathProblem
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
    # Figures that cannot be known (an input problem), each with why: never reported as a value.
    not_checkable: dict[str, list[str]] = field(default_factory=dict)

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
        found = check_form(result.form, report.figures, result.problems)
        report.not_checkable = figures_not_checkable(report.figures, result.problems)
        if found:
            index = line_index(result.text)
            report.problems += [p.at_line(find_line(index, p.where)) for p in found]
    return report


def unreadable_report(problem: PathProblem) -> FileReport:
    """A path that could not be read at all (a folder that cannot be listed, a FIFO…), as a report."""
    return FileReport(problem.path, problems=[Problem(problem.code, "", problem.message)])
