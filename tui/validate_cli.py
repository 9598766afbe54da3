"""`jixiao validate`: check form files from the command line. Imports models only, never textual."""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

from models.money import fmt
from models.problems import Severity
from models.validation import FileReport, find_form_files, validate_file

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
# Line breaks and control characters a message may quote from the file (rule_set = "a\nb", a pasted
# ESC): shown escaped, so that each problem stays on its one line and nothing reaches the terminal raw.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def run_validate(paths: list[str], strict: bool, output: str, out: TextIO | None = None) -> int:
    out = out or sys.stdout  # looked up per call: a default bound at import goes stale under redirection
    files, missing = find_form_files(paths)
    for path in missing:
        print(f"jixiao validate: 找不到“{path}”", file=sys.stderr)
    reports = [validate_file(path) for path in files]
    errors = sum(r.count(Severity.ERROR) for r in reports)
    warnings = sum(r.count(Severity.WARNING) for r in reports)
    if output == "json":
        json.dump(_json(reports, errors, warnings), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for report in reports:
            for problem in report.problems:
                line = f":{problem.line}" if problem.line else ""
                text = f"{report.path}{line}: {problem.code} {problem.severity.label} {problem.message}"
                out.write(_UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text) + "\n")
        verdict = "未发现问题" if errors + warnings == 0 else f"{errors} 个错误，{warnings} 个警告"
        out.write(f"检查了 {len(reports)} 个表单文件：{verdict}\n" if reports else "没有找到表单文件（*.toml）\n")
    unreadable = any(p.code == "E001" for r in reports for p in r.problems)
    if missing or unreadable:
        return EXIT_USAGE
    if errors or (strict and warnings):
        return EXIT_PROBLEMS
    return EXIT_OK


def _json(reports: list[FileReport], errors: int, warnings: int) -> dict[str, Any]:
    return {
        "files": [
            {
                "path": str(r.path),
                "ok": r.ok,
                "project": r.form.project if r.form else None,
                "figures": _figures(r),
                "problems": [
                    {"code": p.code, "severity": p.severity.value, "line": p.line, "where": p.where, "message": p.message}
                    for p in r.problems
                ],
            }
            for r in reports
        ],
        "summary": {"files": len(reports), "errors": errors, "warnings": warnings},
    }


def _figures(report: FileReport) -> dict[str, str] | None:
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
