"""Only regular files are read as forms: a FIFO, socket or device named `x.toml` would block a read
forever or never end. Standard library only (see discovery)."""

from __future__ import annotations

import os
import stat

_KINDS = {
    stat.S_IFIFO: "命名管道",
    stat.S_IFSOCK: "套接字",
    stat.S_IFCHR: "字符设备，如终端",
    stat.S_IFBLK: "块设备",
    stat.S_IFDIR: "文件夹",
}


class NotRegularFile(OSError):
    """The path names something other than a regular file; its words are already Chinese."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        super().__init__(f"不是普通文件（{kind_of(mode)}），未读取")
        self.path = os.fspath(path)


def kind_of(mode: int) -> str:
    """A clerk's word for what a path is, from its st_mode."""
    return _KINDS.get(stat.S_IFMT(mode), "特殊文件")


def read_regular(path: str | os.PathLike[str], limit: int) -> tuple[bytes, int]:
    """At most `limit` bytes of a regular file, and its size; NotRegularFile for anything else.

    The open never blocks (O_NONBLOCK: a FIFO without a writer would wait forever otherwise), and
    the check is on the opened descriptor, so a file swapped for a FIFO after a listing is caught too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
        # Asked for the size fstat gave (plus one byte, to see a file that grew since), not for `limit`:
        # a read of 2 MB allocates 2 MB for every few-KB form (a third of what reading a form costs).
        want = min(limit, info.st_size + 1)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(want)
            if len(data) == want < limit:  # it grew: read on, up to the cap, as before
                data += handle.read(limit - want)
            return data, info.st_size
    finally:
        os.close(descriptor)
