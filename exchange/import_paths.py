"""Whether a path can be imported at all: one answer, with its code, for `jixiao import` and the
editor's import command alike (the editor used to say 找不到文件 for a folder or a named pipe).
Standard library and models only: nothing heavy is loaded before the file is known to be good.
"""

from __future__ import annotations

import os
from pathlib import Path

from models.discovery import NOT_REGULAR, PathProblem, inspect_path
from models.problems import Problem
from models.regular_files import NotRegularFile

from .kinds import is_exchange_file

NOT_AN_EXCHANGE_FILE = "E010"


def import_problem(path: Path) -> Problem | None:
    """Why `path` cannot be imported, in validate's words and codes: missing, a dangling link or a
    loop (E001), a FIFO, device or folder (E008), not a .xlsx or .pdf file (E010); None when it
    is a regular workbook or PDF file (whose contents are judged when it is read)."""
    found = inspect_path(path)
    if found == "folder":
        found = PathProblem(path, NOT_REGULAR, str(NotRegularFile(path, os.stat(path).st_mode)))
    if isinstance(found, PathProblem):
        return Problem(found.code, "", found.message)
    if not is_exchange_file(path):
        return Problem(NOT_AN_EXCHANGE_FILE, "", "不是 .xlsx 或 .pdf 文件，无法导入（请先在 Excel/WPS 中另存为 .xlsx 或 PDF）")
    return None
