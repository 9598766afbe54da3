"""Finding form files on disk, and saying at once what cannot be read. Standard library only, so that
`validate` can start its helper process before it imports the models.

Only regular files are forms: a FIFO or a device named `x.toml` is reported (E008), never opened.
A folder that cannot be listed, a path that is too long, a symlink loop are reported (E001), never
skipped in silence and never a traceback. Symlinked subfolders are not entered (no loops, no file
counted twice); a folder named on the command line is entered even when it is a symlink.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .atomic import describe_os_error
from .regular_files import NotRegularFile

UNREADABLE = "E001"  # cannot be opened or listed
NOT_REGULAR = "E008"  # a FIFO, socket or device: never opened


@dataclass(frozen=True)
class PathProblem:
    """A path that cannot be checked: `message` says why, in Chinese."""

    path: Path
    code: str
    message: str


Entry = Path | PathProblem  # a form file to read, or what stood in the way


def find_form_files(paths: Iterable[str | os.PathLike[str]], include: Iterable[str] = ()) -> list[Entry]:
    """Files named, and *.toml files under folders named (sorted by name, depth first), in order,
    with a PathProblem where something could not be read.

    `include` adds file-name patterns for folders (`--include '*.pdf'`): workbooks and PDFs are
    only looked for when asked, so a folder of attachments is not checked by surprise.
    """
    patterns = tuple(pattern.lower() for pattern in include)
    entries: list[Entry] = []
    for raw in paths:
        path = Path(raw)
        found = inspect_path(path)
        if isinstance(found, PathProblem):
            entries.append(found)
        elif found == "folder":
            _walk(path, entries, patterns)
        else:
            entries.append(path)
    return entries


def inspect_path(path: Path) -> Literal["folder", "file"] | PathProblem:
    """'folder', 'file' (a regular file, symlinks followed), or the problem with the path."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as error:  # ValueError: a NUL in the name
        return PathProblem(path, UNREADABLE, _why_unreachable(path, error))
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISREG(mode):
        return "file"
    return PathProblem(path, NOT_REGULAR, str(NotRegularFile(path, mode)))


def listing_problem(folder: Path) -> PathProblem | None:
    """Why the forms in this folder cannot be listed, or None when they can (the editor's start)."""
    try:
        with os.scandir(folder):
            return None
    except OSError as error:
        return _unlistable(folder, error)


def list_folder_forms(folder: Path) -> list[Path]:
    """The forms directly in `folder` (not its subfolders): what the editor lists. Regular files only."""
    try:
        with os.scandir(folder) as listing:
            names = [e.name for e in listing if _is_form_name(e.name) and _is_regular(e)]
    except OSError:
        return []
    return [folder / name for name in sorted(names)]


def _walk(folder: Path, entries: list[Entry], patterns: tuple[str, ...]) -> None:
    try:
        with os.scandir(folder) as listing:
            items = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        entries.append(_unlistable(folder, error))
        return
    for item in items:
        if item.name.startswith("."):  # .git, .jixiao (backups), caches, hidden files
            continue
        path = Path(item.path)
        try:
            is_folder, is_plain_file = item.is_dir(follow_symlinks=False), item.is_file(follow_symlinks=False)
        except OSError as error:  # vanished since the listing, or no d_type and no permission
            entries.append(PathProblem(path, UNREADABLE, _why_unreachable(path, error)))
            continue
        if is_folder:
            _walk(path, entries, patterns)
        elif _is_form_name(item.name) or _is_included(item.name, patterns):
            found = "file" if is_plain_file else inspect_path(path)  # symlinks and special files
            if isinstance(found, PathProblem):
                entries.append(found)
            elif found == "file":  # a symlink to a folder is not entered
                entries.append(path)


def _unlistable(folder: Path, error: OSError) -> PathProblem:
    return PathProblem(folder, UNREADABLE, f"无法读取文件夹：{describe_os_error(error)}")


def _is_form_name(name: str) -> bool:
    return name.endswith(".toml") and not name.startswith(".")


def _is_included(name: str, patterns: tuple[str, ...]) -> bool:
    return not name.startswith(".") and any(fnmatch.fnmatch(name.lower(), pattern) for pattern in patterns)


def _is_regular(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # True only for a regular file (symlinks followed): never a FIFO
    except OSError:
        return False


def _why_unreachable(path: Path, error: OSError | ValueError) -> str:
    if isinstance(error, ValueError):
        return "路径中含有不允许的字符"
    if error.errno == errno.ENOENT and os.path.islink(path):
        return "符号链接指向的文件不存在"
    if error.errno == errno.ENOENT:
        return "找不到此文件或文件夹"
    return describe_os_error(error)
