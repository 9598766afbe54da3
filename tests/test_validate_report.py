"""`jixiao validate` as a clerk and a script read it: each file's problems from the top of the file
down, and JSON `ok` saying what the exit code says (also under --strict)."""

from __future__ import annotations

import json
import re
import shutil

from models.validation import validate_file
from tui.cli import main

BASIC = "社区干部实训基地工作经费"
WARNED = "社区建设工作专项经费"  # 571 % of target, no reason: W206 only


def _run(capsys, *args: str) -> tuple[int, str]:
    code = main(["validate", *args])
    return code, capsys.readouterr().out


def test_problems_come_in_the_order_of_the_file(capsys, tmp_path, sample_text):
    """A reading problem (the missing fund row, line 9) used to come before every finding of the checks
    (年度 on line 3), whatever their lines; a problem of the whole file (a key left out) comes first."""
    bad = re.sub(r"\[funds\.carried_over\].*\n(?:.+\n)+\n", "", sample_text(BASIC))
    bad = bad.replace("year = 2024", "year = 1900", 1).replace("budget = 17.50", "budget = -17.50", 1)
    bad = re.sub(r"department = .*\n", "", bad, count=1)
    path = tmp_path / "表单.toml"
    path.write_text(bad, encoding="utf-8")

    problems = validate_file(path).problems
    order = [(p.line or 0, p.code) for p in problems]
    assert order == sorted(order)
    assert {"E004", "E112", "E103", "E101"} <= {p.code for p in problems}  # reading and checking both
    assert (problems[0].code, problems[0].line) == ("E101", None)

    _, text = _run(capsys, str(path))
    printed = [line.split(": ", 1)[1].split(" ", 1)[0] for line in text.splitlines()[:-1]]
    assert printed == [p.code for p in problems]
    assert text.splitlines()[1].startswith(f"{path}:3: E112")

    _, out = _run(capsys, "--format", "json", str(path))
    listed = json.loads(out)["files"][0]["problems"]
    assert [(p["line"], p["code"]) for p in listed] == [(p.line, p.code) for p in problems]


def test_json_ok_agrees_with_the_exit_code_under_strict(capsys, tmp_path, sample_file):
    warned = tmp_path / "warned.toml"
    shutil.copy(sample_file(WARNED), warned)
    clean = sample_file(BASIC)

    code, out = _run(capsys, "--format", "json", str(warned), str(clean))
    data = json.loads(out)
    assert code == 0 and data["summary"]["ok"] is True
    assert [f["ok"] for f in data["files"]] == [True, True]

    code, out = _run(capsys, "--strict", "--format", "json", str(warned), str(clean))
    data = json.loads(out)
    assert code == 1 and data["summary"]["ok"] is False
    assert data["summary"]["warnings"] == len(data["files"][0]["problems"]) > 0
    assert [f["ok"] for f in data["files"]] == [False, True]  # the clean file passes even under --strict


def test_json_summary_ok_is_false_when_nothing_could_be_read(capsys, tmp_path):
    code, out = _run(capsys, "--format", "json", str(tmp_path / "没有这个文件.toml"))
    assert code == 2 and json.loads(out)["summary"]["ok"] is False
