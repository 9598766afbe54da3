"""Writing an export: atomically (an existing file is replaced whole or not at all), and an
unwritable destination is a Chinese error with a code, never a traceback.

The destination is checked before anything is rendered (a PDF takes a browser several seconds):
a folder, a missing folder, a read-only file, a device or pipe such as /dev/stdout, and above all
one of the forms being exported (`-o form.toml` would replace the form by a zip) are refused
with X301. `-o -` writes to standard output instead of a file.

The name itself is checked first (`output_path`): a name ending in .toml is refused whatever the
format (exporting over another form of the folder replaced it by a workbook, with no backup); a
name without an extension gets the format's own, and a name with another format's extension is
refused (`x.html` for an Excel export would not open); characters Windows cannot store in a
name (`<>:"/\\|?*`) are refused on every platform, since a forms folder travels between machines.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from models.atomic import atomic_write, describe_os_error

from .errors import ExchangeError

STDOUT = "-"
# Extensions each format may be written with (the first is added to a name without one).
FORMAT_SUFFIXES: dict[str, tuple[str, ...]] = {
    "xlsx": (".xlsx",), "html": (".html", ".htm"), "pdf": (".pdf",), "csv": (".csv",), "json": (".json",),
    "table": (".txt",),
}
_EXTENSION = re.compile(r"\.(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{1,5}$")  # .xlsx, .toml, .mp3; not .2024
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


def output_path(given: str | Path, to: str) -> Path:
    """The file an export of format `to` goes to, given the name the user typed: X301 for a form
    file (.toml), another format's extension, or a name Windows cannot store; the format's
    extension added to a name without one (`汇总` → `汇总.xlsx`)."""
    text = str(given)
    if text == STDOUT:
        return Path(STDOUT)
    path = Path(text)
    name = path.name
    wanted = FORMAT_SUFFIXES[to]
    if not name:
        raise ExchangeError("X301", f"无法写入“{text}”：请给出文件名（例如“汇总{wanted[0]}”）")
    bad = sorted(set(_WINDOWS_FORBIDDEN.findall(name)))
    if bad:
        shown = " ".join(repr(c)[1:-1] if c < " " else c for c in bad)
        raise ExchangeError("X301", f"文件名“{name}”含有 Windows 不允许的字符 {shown}，"
                                    "在 Windows 上无法打开或复制这个文件；请换一个文件名")
    if name.rstrip(" .") != name or _WINDOWS_DEVICES.match(name):
        raise ExchangeError("X301", f"文件名“{name}”在 Windows 上无法使用（以空格或句点结尾，或是设备名）；请换一个文件名")
    found = _EXTENSION.search(name)
    suffix = found.group(0).lower() if found else ""
    if suffix == ".toml":
        raise ExchangeError("X301", f"不能导出到“{name}”：以 .toml 结尾的是表单文件，导出会覆盖表单；"
                                    f"请用以 {wanted[0]} 结尾的文件名")
    if not suffix:
        return path if _special(path) else path.with_name(name + wanted[0])
    if suffix not in wanted:
        raise ExchangeError("X301", f"不能导出到“{name}”：导出的文件是 {wanted[0]} 格式，以 {suffix} 结尾会打不开；"
                                    f"请改成以 {wanted[0]} 结尾的文件名")
    return path


def _special(path: Path) -> bool:
    """A folder, device or pipe already there (`.`, /dev/null): named as given, so that
    check_output refuses it for what it is rather than writing beside it."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def default_output(paths: list[str] | list[Path], to: str) -> Path:
    """Where an export goes without -o, in the command line and the editor alike: next to a single
    form file; otherwise in the current folder, named after the one folder (绩效自评表 for several)."""
    suffix = FORMAT_SUFFIXES[to][0]
    if len(paths) == 1:
        given = Path(paths[0])
        if given.is_file():
            return given.with_suffix(suffix)
        return Path((given.resolve().name or "绩效自评表") + suffix)
    return Path("绩效自评表" + suffix)


def check_output(path: Path, inputs: Iterable[Path] = (), *, command_line: bool = True) -> None:
    """Refuse (X301) a destination that cannot or must not be written, before any work is done.
    `command_line` False: the words are the editor's (no `-o -`, which only the command line has)."""
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
        hint = "；要输出到屏幕或管道请用 -o -" if command_line else "；请给出普通文件的文件名"
        raise ExchangeError("X301", f"无法写入“{path}”：这不是普通文件（设备或管道）{hint}")
    if not os.access(target, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):  # root too
        raise ExchangeError("X301", f"无法写入“{path}”：文件是只读的，不会替换它（请先修改文件权限，或换一个输出文件名）")
    _check_folder(path, target.parent)


def _check_folder(path: Path, folder: Path) -> None:
    if not folder.is_dir():
        raise ExchangeError("X301", f"无法写入“{path}”：文件夹“{folder}”不存在")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExchangeError("X301", f"无法写入“{path}”：文件夹“{folder}”没有写入权限")


def write_output(path: Path, data: bytes, *, command_line: bool = True) -> None:
    if str(path) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    check_output(path, command_line=command_line)
    try:
        atomic_write(path, data)
    except OSError as error:
        raise ExchangeError("X301", f"无法写入“{path}”：{describe_os_error(error)}") from None
