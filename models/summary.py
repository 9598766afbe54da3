"""A form's line in the folder's list: 年度, 项目名称, 总分, 等级, errors and warnings."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .money import fmt
from .problems import Problem, Severity

if TYPE_CHECKING:
    from .form import Form
    from .scoring import Figures
    from .validation import FileReport


NOT_CHECKABLE = "无法核对"  # a figure that cannot be known (an amount unreadable, an indicator unscored)


@dataclass(frozen=True)
class Summary:
    year: int | None
    project: str
    total: str
    grade: str
    errors: int
    warnings: int

    @classmethod
    def of(
        cls, form: Form | None, figures: Figures | None, problems: Sequence[Problem], stem: str,
        not_checkable: Collection[str] = (),
    ) -> Summary:
        """`not_checkable`: the figures that cannot be known (figures_not_checkable): shown as the
        score bar shows them, never as the 0.00 computed for display."""
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        return cls(
            year=form.year if form else None,
            project=form.project if form and form.project else stem,
            total=NOT_CHECKABLE if "total" in not_checkable else fmt(figures.total) if figures else "—",
            grade="—" if "grade" in not_checkable or not figures else figures.grade,
            errors=errors,
            warnings=len(problems) - errors,
        )

    @classmethod
    def of_report(cls, report: FileReport) -> Summary:
        return cls.of(report.form, report.figures, report.problems, report.path.stem, report.not_checkable)
