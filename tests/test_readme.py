"""The README documents every problem code and rule set, and CI runs its test command."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from models.problems import CODES
from models.rules import RULE_SETS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_problem_code_is_documented() -> None:
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", README, flags=re.MULTILINE))
    assert documented == set(CODES)


def test_every_rule_set_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", README, flags=re.MULTILINE))
    assert documented == set(RULE_SETS)


def test_ci_runs_the_readme_test_command() -> None:
    command = next(line for line in README.splitlines() if "pytest" in line and line.startswith("python3 -m venv"))
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    section = README.split("## 在 Python 中使用", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shutil.copytree(ROOT / "sample_forms", tmp_path / "sample_forms")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("94.41 ") and printed[1] == "96.00 True"
    assert not (tmp_path / "sample_forms" / ".jixiao").exists()  # the lock was given back, nothing left behind
