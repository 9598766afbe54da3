"""Writing a file so that a crash at any moment leaves either the old or the new version."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from .filenames import name_hash

_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EACCES: "没有权限（请检查文件或文件夹的读写权限）",
    errno.EPERM: "没有权限（请检查文件或文件夹的读写权限）",
    errno.EROFS: "文件夹是只读的",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.ELOOP: "符号链接形成循环（链接最终指回自身）",
    errno.EIO: "磁盘读写出错",
    errno.EEXIST: "已有同名的文件",
    errno.ENOTDIR: "路径中有一部分是文件而不是文件夹",
}


def describe_os_error(error: OSError) -> str:
    """A clerk's words for why a file could not be written or read (the system's own words otherwise)."""
    if error.errno == errno.ENOTDIR and error.filename:
        blocking = _file_in_the_way(Path(os.fsdecode(error.filename)))
        if blocking is not None:
            return f"路径中的“{blocking}”不是文件夹"
    reason = _REASONS.get(error.errno or 0)
    return reason or (error.strerror or str(error))


def describe_unforeseen(error: Exception) -> str:
    """Words for an error nothing foresaw: the system's reason for an OSError, else the error's own
    name and text, marked as something to pass on to whoever maintains jixiao."""
    if isinstance(error, OSError):
        return describe_os_error(error)
    return f"意外错误（请告诉维护人员）：{type(error).__name__}: {error}"


def _file_in_the_way(path: Path) -> Path | None:
    """The first part of `path` that exists and is not a folder (where ENOTDIR came from)."""
    for part in (*reversed(path.parents), path):
        if part.exists() and not part.is_dir():
            return part
    return None


def atomic_write(path: Path, data: bytes, *, replace_link: bool = False) -> None:
    """Temporary file in the same folder, flush, fsync, os.replace, fsync the folder; keep permissions.

    A symlink is written at its target and stays a link (replacing the link would cut the form off
    from where it really lives); jixiao's own files refuse symlinks before they get here (workspace).
    `replace_link` is for a new file that takes a name (`jixiao import --force`): a symlink there is
    replaced by the file itself, its target never touched (it may be anything, anywhere).
    """
    import tempfile  # noqa: PLC0415 (only a save needs it; `validate` imports this module for describe_os_error)

    if replace_link and os.path.islink(path):
        path = Path(os.path.realpath(path.parent)) / path.name
    else:
        path = through_symlink(path)
    handle, temporary = tempfile.mkstemp(prefix=_temporary_prefix(path.name), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            mode = path.lstat().st_mode & 0o7777 if not os.path.islink(path) else _new_file_mode()
        except FileNotFoundError:
            mode = _new_file_mode()
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def through_symlink(path: Path) -> Path:
    """The file a symlink points to (links of links followed), or `path` itself when it is not a link."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def _new_file_mode() -> int:
    """The usual permissions of a new file, not mkstemp's 0600."""
    return 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder; its rename is already durable
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _temporary_prefix(name: str) -> str:
    """A short start for a save's temporary file, the same for every save of `name`: any name of
    255 bytes can be saved, and a crash's leftovers are recognised as this form's only."""
    return f".jx-{name_hash(name)}."


def remove_stale_temporaries(path: Path) -> int:
    """Delete temporary files a crashed save of `path` left behind; call only while holding its lock."""
    import glob  # noqa: PLC0415 (see atomic_write)

    removed = 0
    path = through_symlink(path)  # where atomic_write puts them
    leftovers = [*path.parent.glob(f"{glob.escape(_temporary_prefix(path.name))}*.tmp"),
                 *path.parent.glob(f".{glob.escape(path.name)}.*.tmp")]  # the long names of older versions
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed
