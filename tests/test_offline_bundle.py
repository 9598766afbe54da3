"""`jixiao bundle`: built with pip, installed with the package index switched off, and it runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.bundle_cli import Target, run_bundle

ROOT = Path(__file__).resolve().parents[1]
POSIX = os.name == "posix"


def test_pip_options_name_each_target_exactly() -> None:
    options = Target("windows-x86_64", "3.12").pip_options()
    assert options[:3] == ["--only-binary=:all:", "--platform", "win_amd64"]
    assert options[options.index("--python-version") + 1] == "3.12" and "cp312" in options
    assert Target("current", "current").pip_options() == ["--only-binary=:all:"]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    assert run_bundle([str(out), "--platform", "current", "--python", "current", "--source", str(ROOT)]) == 0
    return out


def test_the_bundle_holds_every_wheel_and_the_scripts(bundle: Path) -> None:
    wheels = {p.name.split("-")[0].lower() for p in (bundle / "wheels").glob("*.whl")}
    assert {"jixiao", "textual", "rich", "pydantic", "pydantic_core", "tomli_w"} <= wheels
    bat = (bundle / "install.bat").read_bytes()
    assert b"\r\n" in bat and "找不到 Python" in bat.decode("gbk")  # cmd.exe reads the system code page
    assert "install.bat" in (bundle / "使用说明.txt").read_text(encoding="utf-8-sig")


@pytest.mark.skipif(not POSIX, reason="install.sh is the POSIX installer; install.bat is checked above")
def test_it_installs_and_runs_with_no_package_index(bundle: Path, tmp_path: Path) -> None:
    target = tmp_path / "装在这里 jixiao"  # Chinese and a space in the path
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_INDEX_URL": "http://127.0.0.1:9/simple"}
    installed = subprocess.run(["sh", str(bundle / "install.sh"), str(target)], env=offline,
                               capture_output=True, text=True, check=False)
    assert installed.returncode == 0, installed.stderr
    checked = subprocess.run([str(target / "bin" / "jixiao"), "validate", str(ROOT / "sample_forms")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0 and "检查了 6 个表单文件" in checked.stdout
    editor = subprocess.run([str(target / "bin" / "python"), "-c", "import tui.app, tui.screens.editor"],
                            capture_output=True, text=True, check=False)
    assert editor.returncode == 0, editor.stderr  # the editor's subpackages are in the wheel


def test_a_target_without_wheels_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run_bundle([str(tmp_path), "--platform", "current", "--python", "3.8", "--source", str(ROOT)])
    assert code == 1
    error = capsys.readouterr().err
    assert "无法离线安装" in error and "CPython 3.8" in error
    assert "没有可用的轮子" in (tmp_path / "使用说明.txt").read_text(encoding="utf-8-sig")


def test_bundle_refuses_a_folder_that_is_not_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bundle([str(tmp_path / "out"), "--source", str(tmp_path)]) == 2
    assert "不是 jixiao 源代码目录" in capsys.readouterr().err


def test_bundle_usage_is_in_chinese() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "bundle", "-h"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "离线安装包" in result.stdout and "用法" in result.stdout


def test_an_unwritable_destination_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bundle(["/proc/jixiao-bundle", "--platform", "current", "--python", "current",
                       "--source", str(ROOT)]) == 2
    assert "无法写入" in capsys.readouterr().err
