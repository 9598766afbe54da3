"""`jixiao import FILE.xlsx|FILE.pdf… [-o FOLDER] [--rule-set NAME] [--force]`: one TOML form per form found.

Everything a file holds is either placed in a form or printed as not placed (with its cell or
page); the exit code is 1 when anything was left out or a form was not written, 2 when a file
could not be read at all. Never imports textual.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .arguments import ChineseParser
from .progress import Progress

if TYPE_CHECKING:
    from exchange.reading.found import Unplaced
    from exchange.reading.to_form import ImportedForm

EXIT_OK, EXIT_LEFT_OUT, EXIT_UNREADABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="jixiao import",
        description="从 Excel 工作簿（.xlsx）或 PDF 导入自评表，每张表写成一个 TOML 表单文件；"
        "项目绩效目标表导入为新一年的自评表（指标值与分值已填，完成值与得分留空）。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="要导入的 .xlsx 或 .pdf 文件")
    parser.add_argument("-o", "--output", default=".", metavar="FOLDER", help="写入表单的文件夹（默认当前文件夹）")
    parser.add_argument("--rule-set", metavar="NAME", help="评分规则（默认用工作簿中写明的规则，没有时用 baoshan-2024）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的同名表单文件")
    return parser


def _output_folder_problem(folder: Path) -> str:
    """Why forms cannot go into `folder`, or "" when they can; a missing folder is made, as clerks
    expect of -o (the round trip `export … ; import … -o NEW` works as typed)."""
    from models.atomic import describe_os_error  # noqa: PLC0415

    if folder.is_dir():
        return ""
    if folder.exists() or folder.is_symlink():
        return "已有同名的文件，不能作为输出文件夹"
    try:
        folder.mkdir(parents=True)
    except OSError as error:
        return f"无法建立输出文件夹：{describe_os_error(error)}"
    return ""


def run_import(arguments: list[str]) -> int:
    options = _parser().parse_args(arguments)
    from exchange.import_paths import import_problem  # noqa: PLC0415
    from models.rules import RULE_SETS  # noqa: PLC0415

    if options.rule_set and options.rule_set not in RULE_SETS:
        print(f"jixiao import：未知的评分规则“{options.rule_set}”，可用：{'、'.join(RULE_SETS)}", file=sys.stderr)
        return EXIT_UNREADABLE
    folder = Path(options.output)
    why = _output_folder_problem(folder)
    if why:
        print(f"{folder}: X301 错误 {why}", file=sys.stderr)
        return EXIT_UNREADABLE
    files = [Path(name) for name in options.files]
    code = EXIT_OK
    for path in files:
        problem = import_problem(path)
        if problem is not None:
            hint = f"；要导入文件夹中的文件，请逐个列出，如 {path / '*.xlsx'} {path / '*.pdf'}" if path.is_dir() else ""
            print(f"{path}: {problem.code} 错误 {problem.message}{hint}", file=sys.stderr)
            code = EXIT_UNREADABLE
    if code:
        return code
    session = _Session(folder, options.rule_set, options.force)
    try:
        with Progress(len(files), "导入") as progress:
            for path in files:
                progress.at(path)
                session.import_file(path)
    except KeyboardInterrupt:
        session.summary()
        print(f"jixiao import：已中断，处理了 {session.files_done} / {len(files)} 个文件", file=sys.stderr)
        return EXIT_INTERRUPTED
    session.summary()
    return session.code


class _Session:
    """One run: the names written so far (two forms of one run never share a file) and the outcome."""

    def __init__(self, folder: Path, rule_set: str | None, force: bool) -> None:
        self.folder = folder
        self.rule_set = rule_set
        self.force = force
        self.written: set[Path] = set()
        self.code = EXIT_OK
        self.files_done = 0
        self.left_out = 0

    def _fail(self, code: int) -> None:
        self.code = max(self.code, code)

    def import_file(self, path: Path) -> None:
        from exchange.reading_files import read_forms  # noqa: PLC0415

        found = read_forms(path, self.rule_set)
        if found.problem is not None:
            problem = found.problem
            print(f"{path}: {problem.code} 错误 {problem.message}", file=sys.stderr)
            self._fail(EXIT_UNREADABLE)
        else:
            self._report_unplaced(path, found.unplaced)  # text before the first form: told first, in file order
            for imported in found.forms:
                self._write(path, imported)
        self.files_done += 1  # counted when done: Ctrl+C while its forms are written leaves it not done

    def _write(self, path: Path, imported: ImportedForm) -> None:
        from exchange.placing import place_form  # noqa: PLC0415

        placed = place_form(path, imported, self.folder, self.written, self.force)
        hint = "（加 --force 覆盖）" if placed.exists else ""
        print(placed.message + hint, file=sys.stdout if placed.written else sys.stderr)
        if not placed.written:
            self._fail(EXIT_LEFT_OUT)
        self._report_unplaced(path, imported.unplaced)

    def _report_unplaced(self, path: Path, unplaced: list[Unplaced]) -> None:
        from exchange.placing import unplaced_lines  # noqa: PLC0415

        for line in unplaced_lines(path, unplaced):
            print(line, file=sys.stderr)
        if unplaced:
            self.left_out += len(unplaced)
            self._fail(EXIT_LEFT_OUT)

    def summary(self) -> None:
        left = f"，{self.left_out} 处内容未能导入（见上）" if self.left_out else ""
        print(f"导入了 {len(self.written)} 张表{left}")
