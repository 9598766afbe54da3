"""Branches that differ by platform: console encodings, folder fsync, line ends. Each runnable branch runs here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from models import Form, save_form
from models.atomic import fsync_folder

ROOT = Path(__file__).resolve().parents[1]


def _validate_with_encoding(encoding: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    return subprocess.run([sys.executable, "-m", "tui", "validate", str(ROOT / "sample_forms")],
                          env=environment, capture_output=True, check=False)


def test_a_gbk_console_shows_chinese() -> None:
    result = _validate_with_encoding("gbk")  # a Chinese Windows console (code page 936)
    assert result.returncode == 0
    assert "检查了 6 个表单文件" in result.stdout.decode("gbk")


def test_a_console_without_chinese_falls_back_cleanly() -> None:
    result = _validate_with_encoding("ascii")
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert result.stdout.decode("ascii").rstrip().endswith("?")  # the summary, its characters replaced


def test_folder_fsync_is_skipped_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_folder_handles(*args: object) -> int:
        raise PermissionError("Windows cannot open a folder")

    monkeypatch.setattr("models.atomic.os.name", "nt")
    monkeypatch.setattr("models.atomic.os.open", no_folder_handles)
    fsync_folder(tmp_path)  # returns without trying


def test_folder_fsync_runs_on_posix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    real_open = os.open

    def recording_open(path: object, flags: int) -> int:
        opened.append(path)
        return real_open(path, flags)  # type: ignore[arg-type]

    monkeypatch.setattr("models.atomic.os.name", "posix")
    monkeypatch.setattr("models.atomic.os.open", recording_open)
    if os.name != "posix":
        pytest.skip("a folder cannot be opened for fsync here")
    fsync_folder(tmp_path)
    assert opened == [tmp_path]


def test_saved_files_have_lf_line_ends_whatever_the_platform(tmp_path: Path) -> None:
    save_form(Form(project="跨平台", indicators=[]), tmp_path / "form.toml")
    assert b"\r\n" not in (tmp_path / "form.toml").read_bytes()  # bytes are written: no newline translation
