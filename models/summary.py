"""A form's line in the folder's list: 年度, 项目名称, 总分, 等级, errors and warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .money import fmt
from .problems import Problem, Severity

if TYPE_CHECKING:
    from .form import Form
    from .scoring import Figures
    from .validation import FileReport


@dataclass(frozen=True)
class Summary:
    year: int | None
    project: str
    total: str
    grade: str
    errors: int
    warnings: int

    @classmethod
    def of(cls, form: Form | None, figures: Figures | None, problems: Sequence[Problem], stem: str) -> Summary:
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        return cls(
            year=form.year if form else None,
            project=form.project if form and form.project else stem,
            total=fmt(figures.total) if figures else "—",
            grade=figures.grade if figures else "—",
            errors=errors,
            warnings=len(problems) - errors,
        )

    @classmethod
    def of_report(cls, report: FileReport) -> Summary:
        return cls.of(report.form, report.figures, report.problems, report.path.stem)
