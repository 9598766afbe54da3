"""Validating form files on disk: what `jixiao validate` reports for each file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_form, figures_not_checkable
from .discovery import PathProblem
from .form import Form
from .locations import find_line
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
    """Read, score and check one file; every problem carries its line where the file has one, and the
    problems come in the file's order (reading problems and the checks' findings interleaved)."""
    result = read_form_file(path)
    report = FileReport(path, result.form, problems=list(result.problems))
    if result.form is not None:
        report.figures = score_form(result.form)
        found = check_form(result.form, report.figures, result.problems)
        report.not_checkable = figures_not_checkable(report.figures, result.problems)
        if found:
            index = result.lines()
            report.problems += [p.at_line(find_line(index, p.where)) for p in found]
    report.problems.sort(key=_file_order)
    return report


def _file_order(problem: Problem) -> tuple[int, str]:
    """Top to bottom, as the file is read and corrected; a problem of the whole file (no line:
    a missing key) first. The sort is stable: on one line with one code, the checks' order stays."""
    return (problem.line or 0, problem.code)


def unreadable_report(problem: PathProblem) -> FileReport:
    """A path that could not be read at all (a folder that cannot be listed, a FIFO…), as a report."""
    return FileReport(problem.path, problems=[Problem(problem.code, "", problem.message)])
