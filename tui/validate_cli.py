"""`jixiao validate`: check form files from the command line. Imports models only, never textual.

A big folder is split between this process and one helper interpreter (see helper_command), which
reads NUL-separated paths on stdin and answers with JSON records: both cores work, and nothing is
pickled or run through a shell.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from exchange.kinds import UNREADABLE_FILE_CODES, is_exchange_file
from models.discovery import NOT_REGULAR, UNREADABLE, Entry, PathProblem, find_form_files
from models.printable import one_line

from .progress import Progress

if TYPE_CHECKING:
    from exchange.validating import PlacedReport
    from models.validation import FileReport

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# A helper costs an interpreter's start-up (about 150 ms CPU, as much as 600 forms' checks) and
# saves half the per-form time (about 0.25 ms each) of wall time: below 1,000 forms that is under
# 0.1 s a clerk would not notice, paid for with more CPU than the checks themselves.
PARALLEL_FROM = 1000

UNREADABLE_CODES = (UNREADABLE, NOT_REGULAR, *UNREADABLE_FILE_CODES)

Record = dict[str, Any]  # one file, in the shape of the JSON output


def run_validate(
    paths: list[str], strict: bool, output: str, out: TextIO | None = None, include: list[str] | None = None
) -> int:
    out = out or sys.stdout  # looked up per call: a default bound at import goes stale under redirection
    entries = find_form_files(paths, include or ())
    forms = [e for e in entries if isinstance(e, Path) and not is_exchange_file(e)]
    checked: list[Record] = []
    records: list[Record] = []
    interrupted = False
    try:
        with Progress(len(entries), "检查") as progress:
            check_files(forms, checked, progress)
            in_order(entries, checked, records, progress)
    except KeyboardInterrupt:  # Ctrl+C: report what was checked so far
        interrupted = True
        if not records:
            in_order(entries, checked, records, None)
    unreadable = sum(1 for r in records if _unreadable(r))
    read = [r for r in records if not _unreadable(r)]
    errors = _count(read, "error")
    warnings = _count(read, "warning")
    if interrupted:
        exit_code = EXIT_INTERRUPTED
    elif unreadable or not records:  # nothing checked is not a pass (a mistyped folder in CI)
        exit_code = EXIT_USAGE
    elif errors or (strict and warnings):
        exit_code = EXIT_PROBLEMS
    else:
        exit_code = EXIT_OK
    if output == "json":
        # `ok` says what the exit code says: under --strict a file with warnings is not ok.
        files = [{**r, "ok": r["ok"] and not (strict and _count([r], "warning"))} for r in records]
        summary = {
            "files": len(read), "errors": errors, "warnings": warnings, "unreadable": unreadable,
            "ok": exit_code == EXIT_OK,
        }
        json.dump({"files": files, "summary": summary}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for record in records:
            for problem in record["problems"]:
                place = problem["line"] or problem.get("place")  # a workbook's cell or a PDF's page
                line = f":{place}" if place else ""
                label = "错误" if problem["severity"] == "error" else "警告"
                text = f"{record['path']}{line}: {problem['code']} {label} {problem['message']}"
                out.write(one_line(text) + "\n")  # a message may quote the file's control characters
        out.write(_summary(len(read), errors, warnings, unreadable))
        if not records and not include:
            out.write(_include_hint(paths))
    if interrupted:
        print(f"jixiao validate：已中断，只检查了 {len(records)} 个表单", file=sys.stderr)
    return exit_code


def _summary(files: int, errors: int, warnings: int, unreadable: int) -> str:
    """The last line; none when nothing could be read at all (each path's own line already says why)."""
    if not files:
        return "" if unreadable else "没有找到表单文件（*.toml）\n"
    verdict = "未发现问题" if errors + warnings == 0 else f"{errors} 个错误，{warnings} 个警告"
    more = f"；另有 {unreadable} 个文件或文件夹无法读取（见上）" if unreadable else ""
    return f"检查了 {files} 个表单文件：{verdict}{more}\n"


def _include_hint(paths: list[str]) -> str:
    """When a folder given holds workbooks or PDFs but no form files: how to check them (they are
    only looked for when asked, so that a folder of attachments is not checked by surprise)."""
    suffixes = sorted({f.suffix.lower() for p in map(Path, paths) if p.is_dir()
                       for f in p.rglob("*") if f.suffix.lower() in (".xlsx", ".pdf")})
    if not suffixes:
        return ""
    options = " ".join(f"--include '*{suffix}'" for suffix in suffixes)
    return f"文件夹中有 {'、'.join(suffixes)} 文件；要检查其中的自评表，请加 {options}\n"


def _unreadable(record: Record) -> bool:
    """A path that could not be read at all (as opposed to a file read and found wrong)."""
    return any(p["code"] in UNREADABLE_CODES for p in record["problems"])


def in_order(entries: list[Entry], checked: list[Record], records: list[Record], progress: Progress | None) -> None:
    """The records in the order of `entries`: form files from `checked`, paths that could not be read,
    and workbooks and PDFs imported in memory here. Without `progress` (after Ctrl+C) it stops at
    the first file not done."""
    done = iter(checked)
    for entry in entries:
        if isinstance(entry, PathProblem):
            records.append(problem_record(entry))
        elif not is_exchange_file(entry):
            found = next(done, None)
            if found is None:
                return
            records.append(found)
        elif progress is None:
            return
        else:
            from exchange.validating import validate_exchange_file  # noqa: PLC0415

            progress.at(entry)
            records += [_placed_record(placed) for placed in validate_exchange_file(entry)]


def check_files(files: list[Path], records: list[Record] | None = None, progress: Progress | None = None) -> list[Record]:
    """A record per file, in order, appended to `records` as each is done (so Ctrl+C keeps them);
    a big list is shared with a helper process on another core."""
    records = [] if records is None else records
    helper = None
    half = len(files)
    if len(files) >= PARALLEL_FROM and a_core_is_idle():
        half = len(files) // 2
        helper = _Helper(files[half:])  # started before the models are imported here: both start at once
    validate_file = _import_validate_file()

    try:
        for path in files[:half]:
            if progress:
                progress.at(path)
            records.append(record(validate_file(path)))
    except KeyboardInterrupt:
        if helper is not None:
            helper.stop()
        raise
    if helper is None:
        return records
    theirs = helper.records()
    if theirs is None:  # the helper could not run: do its half here
        theirs = [record(validate_file(path)) for path in files[half:]]
    records += theirs
    if progress:
        progress.advance(len(theirs))
    return records


def a_core_is_idle() -> bool:
    """Whether a helper would have a core of its own: two cores or more, and over the last minute
    fewer tasks running than cores (the load average, where the system has one).

    On a machine that is already busy the helper only competes with this process: measured on two
    cores loaded by other work, 500 forms took 2.2 s and 785 ms CPU with it against 1.5 s and 560 ms
    without (its start-up alone is 150 ms CPU).
    """
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        return os.getloadavg()[0] <= cores - 1
    except (AttributeError, OSError):  # no load average (Windows): assume the cores are free
        return True


def _import_validate_file() -> Callable[[Path], FileReport]:
    """models.validation's validate_file, imported with the garbage collector paused.

    The import (the models; pydantic too once a file needs it) makes thousands of objects that live to the end of the run:
    the collections it triggers free nothing (a fifth of a one-file run's CPU time went to them),
    and afterwards every full collection would walk them again, so they are frozen out of the
    collector's sight (gc.freeze) once imported.
    """
    gc.disable()
    try:
        from models.validation import validate_file  # noqa: PLC0415
    finally:
        gc.freeze()
        gc.enable()
    return validate_file


def run_worker() -> int:
    """The helper's work (see helper_command): paths on stdin, JSON records on stdout."""
    validate_file = _import_validate_file()

    names = sys.stdin.buffer.read().split(b"\0")
    records = [record(validate_file(Path(os.fsdecode(name)))) for name in names if name]
    sys.stdout.write(json.dumps(records, ensure_ascii=True))
    return EXIT_OK


class _Helper:
    """A second interpreter validating some of the files while this one does the rest."""

    def __init__(self, files: list[Path]) -> None:
        import subprocess  # noqa: PLC0415 (a single file, the usual case, never starts a helper)
        import threading  # noqa: PLC0415

        self._files = files
        self._output: bytes | None = None
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                helper_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._process = None
            return
        self._thread = threading.Thread(target=self._talk, daemon=True)
        self._thread.start()

    def _talk(self) -> None:
        assert self._process is not None
        names = b"\0".join(os.fsencode(path) for path in self._files)
        self._output, _ = self._process.communicate(names)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()

    def records(self) -> list[Record] | None:
        if self._process is None:
            return None
        self._thread.join()
        if self._process.returncode != 0 or self._output is None:
            return None
        try:
            records = json.loads(self._output)
        except ValueError:
            return None
        return records if isinstance(records, list) and len(records) == len(self._files) else None


def helper_command() -> list[str]:
    """The helper interpreter, isolated from the working folder.

    `python -m tui` would put the working folder first on sys.path, so a `models/` or `tui/`
    folder there (an untrusted branch checked out in CI) would run instead of jixiao. `-I` keeps
    the working folder, PYTHON* variables and the user's site-packages out; the child's path is
    then this process's own (the folder holding jixiao first), minus the working folder.
    """
    here = Path(__file__).resolve().parent.parent  # the folder that holds the tui and models packages
    cwd = os.path.realpath(os.getcwd())
    paths = [str(here)] + [p for p in sys.path if os.path.isabs(p) and os.path.realpath(p) != cwd]
    utf8 = ["-X", "utf8"] if sys.flags.utf8_mode else []  # the same file-name encoding as this process
    return [sys.executable, "-I", *utf8, "-c", _HELPER_BOOT, *paths]


# sys.path is set before anything of jixiao is imported; argv[1:] are the paths from helper_command.
_HELPER_BOOT = (
    "import sys; sys.path[:0] = sys.argv[1:]; del sys.argv[1:]; "
    "from tui.validate_cli import run_worker; raise SystemExit(run_worker())"
)


def record(report: FileReport) -> Record:
    return {
        "path": str(report.path),
        "ok": report.ok,
        "project": report.form.project if report.form else None,
        "figures": _figures(report),
        "not_checkable": list(dict.fromkeys(reason for reasons in report.not_checkable.values() for reason in reasons)),
        "problems": [
            {"code": p.code, "severity": p.severity.value, "line": p.line, "where": p.where, "message": p.message}
            for p in report.problems
        ],
    }


def _placed_record(placed: PlacedReport) -> Record:
    """A workbook's or PDF's form: its problems carry the sheet and cell, or the page."""
    found = record(placed.report)
    found["area"] = placed.area
    for problem, place in zip(found["problems"], placed.places, strict=True):
        problem["place"] = place
    return found


def problem_record(problem: PathProblem) -> Record:
    """A path that could not be read, in the shape of a file's record."""
    from models.validation import unreadable_report  # noqa: PLC0415 (after the helper has started)

    return record(unreadable_report(problem))


def _count(records: list[Record], severity: str) -> int:
    return sum(1 for r in records for p in r["problems"] if p["severity"] == severity)


def _figures(report: FileReport) -> dict[str, str | None] | None:
    """The figures as the rule set prints them; null for one that cannot be known (see not_checkable)."""
    from models.money import fmt  # noqa: PLC0415

    f = report.figures
    if f is None:
        return None
    shown = {
        "execution_rate": fmt(f.execution_rate),
        "execution_score": fmt(f.execution_score),
        "indicator_score": fmt(f.indicator_score),
        "total": fmt(f.total),
        "grade": f.grade,
    }
    return {key: None if key in report.not_checkable else value for key, value in shown.items()}
