"""Writing an export: atomically (an existing file is replaced whole or not at all), and an
unwritable destination is a Chinese error with a code, never a traceback.

The destination is checked before anything is rendered (a PDF takes a browser several seconds):
a folder, a missing folder, a read-only file, a device or pipe such as /dev/stdout, and above all
one of the forms being exported (`-o form.toml` would replace the form by a zip) are refused
with X301. `-o -` writes to standard output instead of a file.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from models.atomic import atomic_write, describe_os_error

from .errors import ExchangeError

STDOUT = "-"


def check_output(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse (X301) a destination that cannot or must not be written, before any work is done."""
    if str(path) == STDOUT:
        return
    target = Path(os.path.realpath(path))
    for source in inputs:
        if Path(os.path.realpath(source)) == target:
            raise ExchangeError("X301", f"不能写入“{path}”：这是要导出的表单本身，写入会覆盖它；请换一个输出文件名")
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        _check_folder(path, target.parent)
        return
    except OSError as error:
        raise ExchangeError("X301", f"无法写入“{path}”：{describe_os_error(error)}") from None
    if stat.S_ISDIR(mode):
        raise ExchangeError("X301", f"无法写入“{path}”：这是一个文件夹，请给出文件名")
    if not stat.S_ISREG(mode):
        raise ExchangeError("X301", f"无法写入“{path}”：这不是普通文件（设备或管道）；要输出到屏幕或管道请用 -o -")
    if not os.access(target, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):  # root too
        raise ExchangeError("X301", f"无法写入“{path}”：文件是只读的，不会替换它（请先修改文件权限，或换一个输出文件名）")
    _check_folder(path, target.parent)


def _check_folder(path: Path, folder: Path) -> None:
    if not folder.is_dir():
        raise ExchangeError("X301", f"无法写入“{path}”：文件夹“{folder}”不存在")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExchangeError("X301", f"无法写入“{path}”：文件夹“{folder}”没有写入权限")


def write_output(path: Path, data: bytes) -> None:
    if str(path) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    check_output(path)
    try:
        atomic_write(path, data)
    except OSError as error:
        raise ExchangeError("X301", f"无法写入“{path}”：{describe_os_error(error)}") from None
