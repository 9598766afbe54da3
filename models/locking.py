"""One editor per form: a lock file says who holds it; a dead holder's lock is taken over."""

from __future__ import annotations

import contextlib
import datetime
import getpass
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .workspace import make_state_folder, state_path


@dataclass(frozen=True)
class LockInfo:
    host: str
    pid: int
    user: str
    since: str  # ISO time, local

    def describe(self) -> str:
        since = self.since.replace("T", " ")[:19]
        return f"{self.user}@{self.host} 上的 jixiao（进程 {self.pid}，{since} 起）"

    @property
    def is_stale(self) -> bool:
        """True when the holder is a process on this machine that no longer runs."""
        return self.host == socket.gethostname() and not pid_alive(self.pid)

    @property
    def alive_here(self) -> bool:
        """The holder is a running process on this machine: taking its lock over would be wrong."""
        return self.host == socket.gethostname() and pid_alive(self.pid)

    def taken_over_words(self) -> str:
        """What to tell the user after taking this lock over, true in every case."""
        if self.is_stale:
            return f"已接管 {self.describe()}留下的锁（该进程已不在运行）"
        return f"已接管 {self.describe()}的锁；请确认那边已不再编辑此表单"


class LockHeld(Exception):
    """Another live jixiao holds the form."""

    def __init__(self, info: LockInfo) -> None:
        super().__init__(info.describe())
        self.info = info


def lock_path(form: Path) -> Path:
    return state_path(form, "locks", ".lock")


def current_holder() -> LockInfo:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in a locked-down environment
        user = "?"
    since = datetime.datetime.now().isoformat(timespec="seconds")
    return LockInfo(host=socket.gethostname(), pid=os.getpid(), user=user, since=since)


def read_lock(form: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(form).read_text(encoding="utf-8"))
        return LockInfo(host=str(data["host"]), pid=int(data["pid"]), user=str(data["user"]), since=str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo(host="?", pid=0, user="?", since="?")  # unreadable: shown, never taken silently


class FormLock:
    """Held while a form is open for editing; `release` (or process exit) gives it up."""

    def __init__(self, form: Path, *, take_over: bool = False) -> None:
        self.form = form
        self.path = lock_path(form)
        self.taken_over: LockInfo | None = None
        self._acquire(take_over)

    def _acquire(self, take_over: bool) -> None:
        make_state_folder(self.path.parent)
        for _ in range(2):
            try:
                descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_lock(self.form)
                if holder is None:
                    continue  # released meanwhile
                if holder.pid == os.getpid() and holder.host == socket.gethostname():
                    return  # this process already holds it
                if holder.alive_here or not (take_over or holder.is_stale):
                    raise LockHeld(holder) from None  # a live editor on this machine is never overruled
                self.taken_over = holder
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                json.dump(asdict(current_holder()), stream, ensure_ascii=False)
            return
        raise LockHeld(read_lock(self.form) or current_holder())

    def release(self) -> None:
        holder = read_lock(self.form)
        if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
            with contextlib.suppress(OSError):
                self.path.unlink()


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes  # noqa: PLC0415

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    process_query_limited_information, still_active = 0x1000, 259
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
