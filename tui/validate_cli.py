"""`jixiao validate`: check form files from the command line. Imports models only, never textual.

A big folder is split between this process and one helper process (`--worker`), which reads
NUL-separated paths on stdin and answers with JSON records: both cores work, and nothing is
pickled or run through a shell.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from models.discovery import find_form_files

if TYPE_CHECKING:
    from models.validation import FileReport

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PARALLEL_FROM = 300  # below this a second interpreter's start-up costs more than it saves
# Line breaks and control characters a message may quote from the file (rule_set = "a\nb", a pasted
# ESC): shown escaped, so that each problem stays on its one line and nothing reaches the terminal raw.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

Record = dict[str, Any]  # one file, in the shape of the JSON output


def run_validate(paths: list[str], strict: bool, output: str, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # looked up per call: a default bound at import goes stale under redirection
    files, missing = find_form_files(paths)
    for path in missing:
        print(f"jixiao validate: 找不到“{path}”", file=sys.stderr)
    records = check_files(files)
    errors = _count(records, "error")
    warnings = _count(records, "warning")
    if output == "json":
        summary = {"files": len(records), "errors": errors, "warnings": warnings}
        json.dump({"files": records, "summary": summary}, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for record in records:
            for problem in record["problems"]:
                line = f":{problem['line']}" if problem["line"] else ""
                label = "错误" if problem["severity"] == "error" else "警告"
                text = f"{record['path']}{line}: {problem['code']} {label} {problem['message']}"
                out.write(_UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text) + "\n")
        verdict = "未发现问题" if errors + warnings == 0 else f"{errors} 个错误，{warnings} 个警告"
        out.write(f"检查了 {len(records)} 个表单文件：{verdict}\n" if records else "没有找到表单文件（*.toml）\n")
    unreadable = any(p["code"] == "E001" for r in records for p in r["problems"])
    if missing or unreadable or not records:  # nothing checked is not a pass (a mistyped folder in CI)
        return EXIT_USAGE
    if errors or (strict and warnings):
        return EXIT_PROBLEMS
    return EXIT_OK


def check_files(files: list[Path]) -> list[Record]:
    """A record per file, in order; a big list is shared with a helper process on another core."""
    helper = None
    half = len(files)
    if len(files) >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2:
        half = len(files) // 2
        helper = _Helper(files[half:])  # started before the models are imported here: both start at once
    from models.validation import validate_file  # noqa: PLC0415

    mine = [record(validate_file(path)) for path in files[:half]]
    if helper is None:
        return mine
    theirs = helper.records()
    if theirs is None:  # the helper could not run: do its half here
        theirs = [record(validate_file(path)) for path in files[half:]]
    return mine + theirs


def run_worker() -> int:
    """`jixiao validate --worker`: paths on stdin, JSON records on stdout."""
    from models.validation import validate_file  # noqa: PLC0415

    names = sys.stdin.buffer.read().split(b"\0")
    records = [record(validate_file(Path(os.fsdecode(name)))) for name in names if name]
    sys.stdout.write(json.dumps(records, ensure_ascii=True))
    return EXIT_OK


class _Helper:
    """A second interpreter validating some of the files while this one does the rest."""

    def __init__(self, files: list[Path]) -> None:
        self._files = files
        self._output: bytes | None = None
        command = [sys.executable, "-m", "tui", "validate", "--worker"]
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
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


def record(report: FileReport) -> Record:
    return {
        "path": str(report.path),
        "ok": report.ok,
        "project": report.form.project if report.form else None,
        "figures": _figures(report),
        "problems": [
            {"code": p.code, "severity": p.severity.value, "line": p.line, "where": p.where, "message": p.message}
            for p in report.problems
        ],
    }


def _count(records: list[Record], severity: str) -> int:
    return sum(1 for r in records for p in r["problems"] if p["severity"] == severity)


def _figures(report: FileReport) -> dict[str, str] | None:
    from models.money import fmt  # noqa: PLC0415

    f = report.figures
    if f is None:
        return None
    return {
        "execution_rate": fmt(f.execution_rate),
        "execution_score": fmt(f.execution_score),
        "indicator_score": fmt(f.indicator_score),
        "total": fmt(f.total),
        "grade": f.grade,
    }
