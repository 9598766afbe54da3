"""CI's static checks, run from the test suite so that the README's one test command runs them too.

`mypy --strict` with the pydantic plugin over models/, and the import-linter contracts: both
configured in pyproject.toml, so a developer runs the same thing with bare `mypy` / `lint-imports`.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def _require(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")


def test_models_pass_mypy_strict(repo: Path) -> None:
    _require("mypy")
    done = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=repo, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Success" in done.stdout


def test_import_contracts_are_kept(repo: Path) -> None:
    _require("importlinter")
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if command is None:
        pytest.skip("lint-imports is not on PATH")
    done = subprocess.run(
        [command, "--no-cache"], cwd=repo, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout
