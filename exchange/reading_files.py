"""A workbook or PDF → the forms in it, and everything that could not be placed.

Shared by `jixiao import` (which writes the forms) and `jixiao validate` (which checks them in
memory). Never raises for a bad file: the refusal is a Problem with its code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.atomic import describe_os_error
from models.problems import Problem

from .kinds import is_workbook
from .limits import FileRefused
from .reading.found import Unplaced
from .reading.grid import Grid
from .reading.locator import locate_forms
from .reading.to_form import ImportedForm, to_form


@dataclass
class FileForms:
    path: Path
    forms: list[ImportedForm] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)  # outside any form
    problem: Problem | None = None  # the file as a whole could not be read

    @property
    def everything_placed(self) -> bool:
        return self.problem is None and not self.unplaced and not any(f.unplaced for f in self.forms)


def read_forms(path: Path, rule_set: str | None = None) -> FileForms:
    """Every form in the workbook (one per sheet or several) or PDF (one or more pages each)."""
    result = FileForms(path)
    try:
        grids = _grids(path)
    except FileRefused as refused:
        result.problem = refused.problem
        return result
    except OSError as error:
        result.problem = Problem("E001", "", f"无法打开文件：{describe_os_error(error)}")
        return result
    for grid in grids:
        try:
            _read_grid(grid, rule_set, result)
        except Exception:  # a layout no rule foresaw must still end in a message, not a traceback
            result.unplaced.append(Unplaced(grid.where, "（整张）", "无法识别表格内容"))
    if not result.forms:
        kind = "工作簿" if is_workbook(path) else "PDF"
        result.problem = Problem("E014", "", f"{kind}中没有找到自评表或绩效目标表（找不到“项目名称”等标签）")
        result.unplaced = []
    return result


def _read_grid(grid: Grid, rule_set: str | None, result: FileForms) -> None:
    raws, outside = locate_forms(grid)
    if not raws:
        if any(cell.text.strip() for row in grid.rows for cell in row):
            result.unplaced.append(Unplaced(grid.where, "（整张）", "没有找到自评表（缺少“项目名称”）"))
        return
    result.unplaced += outside
    notes = grid.meta if len(raws) == 1 else {}  # jixiao's export writes one form per sheet
    result.forms += [to_form(raw, rule_set, notes) for raw in raws]


def _grids(path: Path) -> list[Grid]:
    if is_workbook(path):
        from .import_xlsx import read_workbook  # noqa: PLC0415

        return read_workbook(path)
    from .import_pdf import read_pdf  # noqa: PLC0415

    return [read_pdf(path)]
