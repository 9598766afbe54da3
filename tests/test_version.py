"""`jixiao --version` / `-V`: the installed package's version, exit 0, before anything else runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tui.cli import main


def _declared_version(repo: Path) -> str:
    return tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["sample_forms", "--version"]])
def test_version_prints_the_packages_version(capsys, repo, args):
    assert main(args) == 0
    assert capsys.readouterr().out == f"jixiao {_declared_version(repo)}\n"


def test_the_installed_command_prints_it(repo, tmp_path):
    script = Path(sys.executable).with_name("jixiao.exe" if sys.platform == "win32" else "jixiao")
    found = str(script) if script.exists() else shutil.which("jixiao")
    assert found, "the jixiao console script is not installed"
    done = subprocess.run([found, "-V"], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"jixiao {_declared_version(repo)}\n", "")


def test_help_lists_it(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    assert "-V, --version" in capsys.readouterr().out
