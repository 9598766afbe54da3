"""`jixiao validate` on many files shares them with a helper interpreter: both halves are checked,
and the helper never runs code from the working folder (a `models/` or `tui/` folder of an
untrusted branch checked out in CI)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tui import validate_cli
from tui.cli import main

COUNT = 310  # the helper takes files 155…309 (PARALLEL_FROM lowered to this count, to keep the tests quick)
BROKEN = ("form-005.toml", "form-300.toml")  # one in each half
HOSTILE = "import pathlib; pathlib.Path({marker!r}).write_text('ran'); raise SystemExit(0)\n"


@pytest.fixture
def many_forms(tmp_path: Path, sample_text: Callable[[str], str]) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    good = sample_text("社区干部实训基地工作经费")
    bad = good.replace("budget = 17.50", "budget = -17.50", 1)  # E103
    assert bad != good
    for number in range(COUNT):
        name = f"form-{number:03d}.toml"
        (folder / name).write_text(bad if name in BROKEN else good, encoding="utf-8")
    return folder


@pytest.fixture
def hostile_folder(tmp_path: Path) -> tuple[Path, Path]:
    """A working folder whose `models` and `tui` packages leave a mark if imported."""
    folder = tmp_path / "checkout"
    marker = tmp_path / "hostile-code-ran"
    for package in ("models", "tui"):
        (folder / package).mkdir(parents=True)
        (folder / package / "__init__.py").write_text(HOSTILE.format(marker=str(marker)), encoding="utf-8")
    return folder, marker


@pytest.fixture
def helper_answers(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What the helper sent back (None when it failed and this process did its half)."""
    monkeypatch.setattr(validate_cli, "PARALLEL_FROM", COUNT)
    monkeypatch.setattr(validate_cli, "a_core_is_idle", lambda: True)  # a busy or one-core runner shares too
    answers: list[object] = []
    original = validate_cli._Helper.records

    def spy(self: validate_cli._Helper) -> list[validate_cli.Record] | None:
        answer = original(self)
        answers.append(answer)
        return answer

    monkeypatch.setattr(validate_cli._Helper, "records", spy)
    return answers


def _reported(out: str) -> set[str]:
    return {Path(line.split(":", 1)[0]).name for line in out.splitlines() if " E103 错误 " in line}


def test_a_broken_file_in_each_half_is_reported(many_forms, helper_answers, capsys):
    assert main(["validate", str(many_forms)]) == 1
    out = capsys.readouterr().out
    assert _reported(out) == set(BROKEN)
    assert re.search(rf"\n检查了 {COUNT} 个表单文件：\d+ 个错误，\d+ 个警告\n$", out)
    [answer] = helper_answers
    assert isinstance(answer, list) and len(answer) == COUNT - COUNT // 2  # the helper did its half


def test_the_helper_never_imports_from_the_working_folder(many_forms, hostile_folder, helper_answers, capsys,
                                                          monkeypatch):
    folder, marker = hostile_folder
    monkeypatch.chdir(folder)
    assert main(["validate", str(many_forms)]) == 1
    assert not marker.exists()
    [answer] = helper_answers
    assert isinstance(answer, list) and len(answer) == COUNT - COUNT // 2  # it ran, as jixiao
    assert _reported(capsys.readouterr().out) == set(BROKEN)


def test_the_console_script_in_a_hostile_folder(many_forms, hostile_folder):
    folder, marker = hostile_folder
    script = Path(sys.executable).with_name("jixiao.exe" if sys.platform == "win32" else "jixiao")
    if not script.exists():
        pytest.skip("the jixiao console script is not installed beside this interpreter")
    done = subprocess.run([str(script), "validate", str(many_forms)], cwd=folder, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 1, done.stderr
    assert not marker.exists()
    assert _reported(done.stdout) == set(BROKEN)


def test_the_helper_command_isolates_the_interpreter(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))  # even if the working folder is on this process's path
    command = validate_cli.helper_command()
    assert command[:2] == [sys.executable, "-I"]
    assert "-m" not in command
    assert str(tmp_path) not in command


@pytest.mark.parametrize(
    ("cores", "load", "idle"),
    [(1, 0.0, False), (2, 0.3, True), (2, 1.0, True), (2, 1.5, False), (2, 6.0, False), (8, 3.0, True)],
)
def test_a_helper_starts_only_when_a_core_is_idle(monkeypatch, cores, load, idle):
    monkeypatch.setattr(validate_cli.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(validate_cli.os, "getloadavg", lambda: (load, load, load))
    assert validate_cli.a_core_is_idle() is idle


def test_fewer_files_than_parallel_from_are_checked_in_this_process(many_forms, monkeypatch, capsys):
    """Even on an idle machine: the helper's start-up would cost more CPU than it saves time."""
    assert COUNT < validate_cli.PARALLEL_FROM
    monkeypatch.setattr(validate_cli, "a_core_is_idle", lambda: True)

    def no_helper(*args: object) -> None:
        raise AssertionError("no helper for a few hundred files")

    monkeypatch.setattr(validate_cli, "_Helper", no_helper)
    assert main(["validate", str(many_forms)]) == 1
    assert _reported(capsys.readouterr().out) == set(BROKEN)


def test_a_busy_machine_checks_every_file_in_this_process(many_forms, monkeypatch, capsys):
    monkeypatch.setattr(validate_cli, "PARALLEL_FROM", COUNT)
    monkeypatch.setattr(validate_cli.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(validate_cli.os, "getloadavg", lambda: (6.0, 6.0, 6.0))

    def no_helper(*args: object) -> None:
        raise AssertionError("no helper on a busy machine")

    monkeypatch.setattr(validate_cli, "_Helper", no_helper)
    assert main(["validate", str(many_forms)]) == 1
    assert _reported(capsys.readouterr().out) == set(BROKEN)
