"""Benchmarks of issue 12: import + validate of workbooks and PDFs against the libraries' bare reading.

The baseline is what openpyxl and pdfplumber cost on their own for the same files (load every
cell; extract every page's tables), measured in the same run, so the ratio is jixiao's own work.
Both sides are timed in CPU seconds of the process (interpreter start-up included on both).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

from .corpus import reference_forms
from .official_workbooks import build
from .printing import print_workbooks, soffice
from .stats import Row, repeat

BARE_XLSX = (
    "import pathlib, sys, openpyxl\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.xlsx')):\n"
    "    book = openpyxl.load_workbook(path, read_only=True, data_only=True)\n"
    "    for sheet in book.worksheets:\n"
    "        for row in sheet.iter_rows(values_only=True):\n"
    "            pass\n"
    "    book.close()\n"
)
BARE_PDF = (
    "import pathlib, sys, pdfplumber\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).glob('*.pdf')):\n"
    "    with pdfplumber.open(path) as pdf:\n"
    "        for page in pdf.pages:\n"
    "            page.extract_tables()\n"
)


def _progress(text: str) -> None:
    """A line on stderr per stage: the run takes minutes, and a user must see it is alive."""
    print(f"bench exchange：{text}", file=sys.stderr, flush=True)


def exchange_rows(scratch: Path, quick: bool, runs: int) -> list[Row]:
    count = 20 if quick else 100
    kinds = [("xlsx", BARE_XLSX, "openpyxl 只读读取全部单元格")]
    if soffice() is not None:
        kinds.append(("pdf", BARE_PDF, "pdfplumber 提取每页表格"))
    rows = []
    for kind, bare, label in kinds:
        _progress(f"准备 {count} 个 {kind.upper()} 文件…")
        folder = _folder_of(scratch / kind, count, kind, scratch)
        files = sorted(str(p) for p in folder.glob(f"*.{kind}"))
        _progress(f"{kind.upper()}：{label}（{runs} 次）…")
        base = repeat(runs, partial(_cpu, [sys.executable, "-c", bare, str(folder)]))
        baseline = base.show("ms CPU", 1000) + f"（{label}）"
        out = scratch / f"imported-{kind}"
        tool = [sys.executable, "-m", "tui"]
        _progress(f"{kind.upper()}：jixiao import（{runs} 次）…")
        imports = repeat(runs, partial(_into_empty, out, [*tool, "import", *files, "-o", str(out)]))
        _progress(f"{kind.upper()}：jixiao validate（{runs} 次）…")
        checks = repeat(runs, partial(_cpu, [*tool, "validate", str(folder), "--include", f"*.{kind}"]))
        for verb, ours in (("导入", imports), ("检查（validate）", checks)):
            ratio = ours.median / base.median
            rows.append(Row(f"{verb} {count} 个 {kind.upper()}（{count / ours.median:.0f} 张/CPU 秒）",
                            ours.show("ms CPU", 1000), baseline, ratio, "≤ 1.5×", ratio <= 1.5))
    if soffice() is None:
        rows.append(Row(f"导入 {count} 个 PDF", "—", "—", None, "≤ 1.5×（未安装 LibreOffice，跳过）", None))
    return rows


def _folder_of(folder: Path, count: int, kind: str, scratch: Path) -> Path:
    """`count` single-form files, each its own project (so each import writes its own file)."""
    folder.mkdir()
    bases = reference_forms()
    books = []
    for number in range(count):
        form = bases[number % len(bases)].model_copy(deep=True)
        form.project = f"{form.project}（第 {number} 号）"
        books.append(build(form, (folder if kind == "xlsx" else scratch) / f"{number:03d}.xlsx"))
    if kind == "pdf":
        print_workbooks(books, folder)  # one LibreOffice run for all of them
    return folder


def _cpu(command: list[str]) -> float:
    """CPU seconds of the child (user + system): on a shared machine, wall time measures the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: warnings or a note left out; anything else is no measurement
        raise RuntimeError(f"{command[:4]} failed ({done.returncode}): {done.stderr.decode(errors='replace')[-500:]}")
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _into_empty(out: Path, command: list[str]) -> float:
    shutil.rmtree(out, ignore_errors=True)  # each import writes into an empty folder
    out.mkdir()
    return _cpu(command)
