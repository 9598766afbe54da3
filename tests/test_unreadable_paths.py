"""What cannot be read is reported at once, in Chinese, with a code and exit 2: FIFOs and devices,
folders that cannot be listed, paths that are too long, symlink loops, paths that do not exist.
In `jixiao validate` and when the editor is started on such a path. Never a traceback, never a hang,
never "找不到" for a path that exists."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from models.discovery import list_folder_forms
from tui.cli import main

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
needs_posix_permissions = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
TRACEBACK = "Traceback"


@pytest.fixture
def form_folder(tmp_path: Path, sample_file: Callable[[str], Path]) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(sample_file("社区干部实训基地工作经费"), folder / "good.toml")
    return folder


def _jixiao(*args: str, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: a hang fails the test instead of blocking the suite."""
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if as_nobody else []
    return subprocess.run(
        [*drop, sys.executable, "-m", "tui", *args], cwd=Path(__file__).resolve().parent.parent,
        capture_output=True, text=True, encoding="utf-8", timeout=60, stdin=subprocess.DEVNULL,
    )


@needs_fifo
def test_a_fifo_in_a_folder_is_reported_at_once(form_folder):
    os.mkfifo(form_folder / "pipe.toml")
    done = _jixiao("validate", str(form_folder))
    assert done.returncode == 2, done.stderr
    assert f"{form_folder / 'pipe.toml'}: E008 错误 不是普通文件（命名管道）" in done.stdout
    assert done.stdout.endswith("检查了 1 个表单文件：未发现问题；另有 1 个文件或文件夹无法读取（见上）\n")


@needs_fifo
def test_a_fifo_or_a_device_named_is_not_reported_missing(form_folder, capsys):
    os.mkfifo(form_folder / "pipe.toml")
    code = main(["validate", "--format", "json", str(form_folder / "pipe.toml"), os.devnull])
    assert code == 2
    data = json.loads(capsys.readouterr().out)
    problems = [(Path(f["path"]).name, f["problems"][0]["code"], f["problems"][0]["message"]) for f in data["files"]]
    assert problems == [
        ("pipe.toml", "E008", "不是普通文件（命名管道），未读取"),
        (Path(os.devnull).name, "E008", "不是普通文件（字符设备，如终端），未读取"),
    ]
    assert data["summary"] == {"files": 0, "errors": 0, "warnings": 0, "unreadable": 2, "ok": False}


@needs_fifo
def test_reading_a_fifo_as_a_form_never_blocks(tmp_path):
    """The read itself refuses what is not a regular file (a file swapped for a FIFO after the listing)."""
    os.mkfifo(tmp_path / "pipe.toml")
    code = "import sys; from models.toml_io import read_form_file; print(read_form_file(sys.argv[1]).problems[0])"
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipe.toml")], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert "E001" in done.stdout and "不是普通文件（命名管道）" in done.stdout, done.stderr


@needs_fifo
def test_the_form_list_holds_regular_files_only(form_folder):
    os.mkfifo(form_folder / "pipe.toml")
    (form_folder / "sub.toml").mkdir()
    (form_folder / ".hidden.toml").write_text("", encoding="utf-8")
    assert list_folder_forms(form_folder) == [form_folder / "good.toml"]


def test_a_symlink_loop_is_described_in_chinese(tmp_path, capsys):
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop.name)
    assert main(["validate", str(loop)]) == 2
    out, err = capsys.readouterr()
    assert out == f"{loop}: E001 错误 符号链接形成循环（链接最终指回自身）\n" and err == ""


def test_a_dangling_symlink_says_so(tmp_path, capsys):
    link = tmp_path / "link.toml"
    link.symlink_to("gone.toml")
    assert main(["validate", str(link)]) == 2
    assert capsys.readouterr().out == f"{link}: E001 错误 符号链接指向的文件不存在\n"


def test_a_path_too_long_is_an_error_not_a_traceback(tmp_path, capsys):
    long = tmp_path / ("长" * 5000)
    assert main(["validate", str(long)]) == 2
    assert capsys.readouterr().out == f"{long}: E001 错误 文件名或路径太长\n"
    assert main([str(long)]) == 2  # the editor
    assert capsys.readouterr().err == f"jixiao：无法打开“{long}”：文件名或路径太长\n"


def test_a_missing_path_is_one_message(tmp_path, capsys):
    missing = tmp_path / "没有这个文件.toml"
    assert main(["validate", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == f"{missing}: E001 错误 找不到此文件或文件夹\n" and err == ""


@needs_fifo
@pytest.mark.parametrize("kind", ["fifo", "loop", "missing"])
def test_the_editor_refuses_to_start_on_what_it_cannot_open(tmp_path, kind):
    path = tmp_path / "x.toml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        path.symlink_to(path.name)
    words = {"fifo": "不是普通文件（命名管道）", "loop": "符号链接形成循环", "missing": "找不到此文件或文件夹"}[kind]
    done = _jixiao(str(path))  # its own process: an editor started by mistake must not hang the tests
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"jixiao：无法打开“{path}”：{words}")
    assert not (tmp_path / ".jixiao").exists()


# --- permissions: root reads everything, so as root the command runs as `nobody` ------------------------

@pytest.fixture
def other_user_folder() -> Iterator[tuple[Path, bool]]:
    """A folder the command's user can reach, and whether the command must run as `nobody`."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    as_nobody = os.geteuid() == 0
    if as_nobody and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-permissions-"))
    folder.chmod(0o755)
    try:
        yield folder, as_nobody
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _visible_forms(folder: Path, sample_file: Callable[[str], Path], *names: str) -> None:
    for name in names:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample_file("社区干部实训基地工作经费"), target)
        target.chmod(0o644)
        target.parent.chmod(0o755)


@needs_posix_permissions
def test_an_unreadable_subfolder_is_reported_exit_2(other_user_folder, sample_file):
    folder, as_nobody = other_user_folder
    _visible_forms(folder, sample_file, "good.toml", "sub/hidden-from-us.toml")
    (folder / "sub").chmod(0o000)
    done = _jixiao("validate", str(folder), as_nobody=as_nobody)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{folder / 'sub'}: E001 错误 无法读取文件夹：没有权限" in done.stdout
    assert done.stdout.endswith("检查了 1 个表单文件：未发现问题；另有 1 个文件或文件夹无法读取（见上）\n")
    assert TRACEBACK not in done.stderr


@needs_posix_permissions
def test_an_unlistable_folder_and_a_file_behind_it(other_user_folder, sample_file):
    folder, as_nobody = other_user_folder
    _visible_forms(folder, sample_file, "locked/form.toml")
    (folder / "locked").chmod(0o000)
    for args in (("validate", str(folder / "locked")), ("validate", str(folder / "locked" / "form.toml"))):
        done = _jixiao(*args, as_nobody=as_nobody)
        assert done.returncode == 2 and TRACEBACK not in done.stderr, done.stderr
        assert "E001 错误 " in done.stdout and "没有权限" in done.stdout
    done = _jixiao(str(folder / "locked"), as_nobody=as_nobody)  # the editor, before it takes the terminal
    assert done.returncode == 2 and TRACEBACK not in done.stderr, done.stderr
    assert done.stderr == f"jixiao：无法打开“{folder / 'locked'}”：无法读取文件夹：没有权限（请检查文件或文件夹的读写权限）\n"


@needs_fifo
def test_the_exchange_commands_name_what_they_cannot_read(form_folder, capsys):
    pipe = form_folder / "pipe.toml"
    os.mkfifo(pipe)
    assert main(["summary", str(pipe)]) == 2
    err = capsys.readouterr().err
    assert err == f"jixiao summary：无法读取“{pipe}”：E008 不是普通文件（命名管道），未读取\n"  # its code, as validate
    out = form_folder.parent / "out.xlsx"
    done = _jixiao("export", str(form_folder), "--to", "xlsx", "-o", str(out))  # a hang fails, not blocks
    assert done.returncode == 1, done.stderr  # the good form exported, the FIFO skipped and named
    assert f"跳过“{pipe}”：E008 不是普通文件（命名管道）" in done.stderr
    assert out.is_file()


def test_a_file_that_grew_after_its_size_was_read_is_read_whole(tmp_path, monkeypatch):
    """The read asks for the size fstat gave (not for the 2 MB cap); a file longer by then is read on."""
    from models import regular_files

    path = tmp_path / "form.toml"
    path.write_bytes(b"x" * 5000)
    real_fstat = regular_files.os.fstat

    def smaller(descriptor: int) -> os.stat_result:
        found = real_fstat(descriptor)
        return os.stat_result((*found[:6], 100, *found[7:]))  # st_size as it was before the file grew

    monkeypatch.setattr(regular_files.os, "fstat", smaller)
    assert regular_files.read_regular(path, 10_000) == (b"x" * 5000, 100)
    assert regular_files.read_regular(path, 3000)[0] == b"x" * 3000  # never past the cap
