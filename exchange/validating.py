"""`jixiao validate` on a workbook or PDF: each form imported in memory and checked like a file,
each problem given the sheet and cell, or the page, it comes from."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from models.checks import check_form
from models.locations import find_line
from models.problems import Problem
from models.scoring import score_form
from models.toml_io import dumps_form, parse_form
from models.validation import FileReport

from .reading.to_form import ImportedForm
from .reading_files import read_forms


@dataclass
class PlacedReport:
    report: FileReport
    places: list[str | None] = field(default_factory=list)  # one per problem
    area: str = ""  # "自评表" (a sheet) or "第 1 页"…


def validate_exchange_file(path: Path) -> list[PlacedReport]:
    """A report per form found; one report with the reason when the file cannot be read."""
    found = read_forms(path)
    if found.problem is not None:
        return [PlacedReport(FileReport(path, problems=[found.problem]), [None])]
    reports = []
    for index, imported in enumerate(found.forms):
        form = imported.form
        form.figures = imported.published
        unplaced = imported.unplaced + (found.unplaced if index == 0 else [])  # text outside forms: told once
        if imported.texts:  # text where a number belongs: what validating the imported file reports (E004)
            figures, problems = None, _texts_problems(imported)
            unplaced = [item for item in unplaced if not item.kept]  # one mistake, one message (the E004)
        else:
            figures = score_form(form)
            problems = check_form(form, figures)
        places = [find_line(imported.places, p.where) for p in problems]
        for item in unplaced:
            problems.append(Problem("W215", "", f"未能放入表单：“{item.text}”（{item.why}）"))
            places.append(item.place)
        reports.append(PlacedReport(FileReport(path, None if figures is None else form, figures, problems), places,
                                    "、".join(imported.areas)))
    return reports


def _texts_problems(imported: ImportedForm) -> list[Problem]:
    """The problems of the file `jixiao import` would write: the form with its texts, read back."""
    text = dumps_form(imported.form, published=imported.published, texts=imported.texts)
    problems = []
    for problem in parse_form(text).problems:  # placed by cell, not by that file's lines
        printed = imported.texts.get(problem.where)
        message = f"{problem.message}（表中写的是“{printed}”）" if printed else problem.message  # a blank says so itself
        problems.append(replace(problem, message=message, line=None))
    return problems
