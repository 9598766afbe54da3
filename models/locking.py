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

    def _state_here(self) -> str | None:
        """holder_state for a lock of this machine, None for another machine's."""
        return holder_state(self.pid, self.since) if self.host == socket.gethostname() else None

    @property
    def is_stale(self) -> bool:
        """True when the holder is a process on this machine that no longer runs (or whose pid now
        belongs to a process started after the lock was taken, or to a zombie)."""
        return self._state_here() == "dead"

    @property
    def alive_here(self) -> bool:
        """The holder is surely a running process on this machine: taking its lock over would be wrong."""
        return self._state_here() == "alive"

    @property
    def unsure_here(self) -> bool:
        """A process with the holder's pid runs here, but whether it is still that jixiao is unknown."""
        return self._state_here() == "unsure"

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
            self._remember_where()
            return
        raise LockHeld(read_lock(self.form) or current_holder())

    def _remember_where(self) -> None:
        """Keep the lock file open (Linux): if its folder is moved, /proc/self/fd still finds it."""
        self._handle: int | None = None
        if sys.platform == "linux":
            with contextlib.suppress(OSError):
                self._handle = os.open(self.path, os.O_RDONLY)

    def moved_to(self) -> Path | None:
        """Where the lock file is now when its folder was moved away (Linux), else None."""
        handle = getattr(self, "_handle", None)
        if handle is None or self.path.exists():
            return None
        with contextlib.suppress(OSError):
            where = Path(os.readlink(f"/proc/self/fd/{handle}"))
            if where.exists():
                return where
        return None

    def release(self) -> None:
        moved = self.moved_to()
        if moved is not None:  # the folder was moved: the lock there still names this process
            with contextlib.suppress(OSError, ValueError):
                holder = json.loads(moved.read_text(encoding="utf-8"))
                if holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
                    moved.unlink()
        handle = getattr(self, "_handle", None)
        if handle is not None:
            with contextlib.suppress(OSError):
                os.close(handle)
            self._handle = None
        holder = read_lock(self.form)
        if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
            with contextlib.suppress(OSError):
                self.path.unlink()
            with contextlib.suppress(OSError):  # leave no empty state folders behind (only if empty)
                self.path.parent.rmdir()
                self.path.parent.parent.rmdir()


_CLOCK_SLACK = 2.0  # seconds: `since` is written to the second, just after the process started


def holder_state(pid: int, since: str) -> str:
    """"dead", "alive" or "unsure" for a lock holder on this machine.

    A pid is reused after its process ends: on Linux the process's start time (/proc/<pid>/stat,
    clock ticks after boot) must not be later than the lock's `since`, and a zombie is dead.
    Elsewhere a running pid counts as alive, as before; "unsure" when a process runs under that
    pid but its start time or the lock's time cannot be read.
    """
    if not pid_alive(pid):
        return "dead"
    stat = Path(f"/proc/{pid}/stat")
    if sys.platform != "linux" or not Path("/proc/stat").exists():
        return "alive"
    try:
        fields = stat.read_text(encoding="ascii").rpartition(")")[2].split()
        state, ticks = fields[0], int(fields[19])
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime "))
        started = boot + ticks / os.sysconf("SC_CLK_TCK")
        taken = datetime.datetime.fromisoformat(since).timestamp()
    except FileNotFoundError:
        return "dead"  # ended just now
    except (OSError, ValueError, IndexError, StopIteration):
        return "unsure"
    if state in ("Z", "X"):
        return "dead"
    return "dead" if started > taken + _CLOCK_SLACK else "alive"


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
