"""A form file opened for editing: its lock, what was on disk, backups, recovery, and safe saving."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write, describe_os_error, remove_stale_temporaries
from .backups import keep_backup
from .form import Form
from .locking import FormLock, LockInfo
from .problems import Problem
from .recovery import discard_recovery, read_recovery, write_recovery
from .toml_io import MAX_FILE_BYTES, LoadResult, dumps_form, parse_form, parse_form_bytes, read_capped


class ChangedOnDisk(Exception):
    """The file was changed by someone else since it was opened or last saved."""


class ReadOnly(Exception):
    """The form is open read-only; the message says why."""


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _read_bytes(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)  # past the cap the file is refused anyway
    except FileNotFoundError:
        return None


def _disk_digest(path: Path) -> str | None:
    return _digest(_read_bytes(path))


@dataclass
class FormDocument:
    path: Path
    form: Form | None
    problems: list[Problem] = field(default_factory=list)  # from reading the file
    read_only: str | None = None  # why, when the form must not be saved
    hand_edited: bool = False  # comments or another layout that saving will rewrite
    lock: FormLock | None = None
    lock_taken_over: LockInfo | None = None
    crlf: bool = False  # the file's own line ends and BOM are kept, so an unchanged save is identical
    bom: bool = False
    _digest: str | None = None

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, take_over: bool = False) -> FormDocument:
        """Read a form and lock it; raises LockHeld unless `read_only` (then no lock is taken).

        `take_over` breaks another holder's lock: for a lock the user knows is stale.
        """
        lock: FormLock | None = None
        reason: str | None = "以只读方式打开" if read_only else None
        if not read_only:
            try:
                lock = FormLock(path, take_over=take_over)  # LockHeld propagates: the caller asks the user
            except OSError as error:
                reason = f"无法在此文件夹中创建锁文件（{describe_os_error(error)}），只能查看"
        if lock is not None:
            remove_stale_temporaries(path)
        try:
            data, size = read_capped(path)  # read once: what is parsed is what the digest describes
        except OSError as error:
            raw: bytes | None = None
            result = LoadResult(None, [Problem("E001", "", f"无法打开文件：{describe_os_error(error)}")])
        else:
            raw = data
            result = parse_form_bytes(data, size)
        document = cls(path, result.form, list(result.problems), reason, lock=lock)
        document.lock_taken_over = lock.taken_over if lock else None
        document._digest = _digest(raw)
        document.crlf = raw is not None and b"\r\n" in raw
        document.bom = raw is not None and raw.startswith(codecs.BOM_UTF8)
        document._judge(result)
        return document

    def _judge(self, result: LoadResult) -> None:
        if any(p.code == "E005" for p in self.problems):
            self.read_only = "文件格式版本比本程序新，为免丢失内容，不能覆盖保存"
        if self.form is not None and result.text:
            self.hand_edited = result.text.replace("\r\n", "\n") != dumps_form(self.form)

    def encode(self, form: Form) -> bytes:
        text = dumps_form(form)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")

    # --- disk --------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        return _disk_digest(self.path) != self._digest

    def save(self, form: Form, *, overwrite: bool = False) -> None:
        """Back up what is on disk, then write atomically. Raises ReadOnly, ChangedOnDisk or OSError."""
        if self.read_only:
            raise ReadOnly(self.read_only)
        if not overwrite and self.changed_on_disk():
            raise ChangedOnDisk(str(self.path))
        data = self.encode(form)
        if _digest(data) != _disk_digest(self.path):  # an unchanged save writes nothing, keeps the backups
            keep_backup(self.path)
            atomic_write(self.path, data)
        self._digest = _digest(data)
        self.form = form
        self.hand_edited = False
        self.problems = []
        discard_recovery(self.path)

    def move_to(self, target: Path) -> None:
        """Follow Save as (a new file, writable as written) or a rename (only of a writable form)."""
        self.close()
        self.path = target
        self.lock = FormLock(target)
        self.read_only = None
        self.hand_edited = False
        self._digest = _disk_digest(target)

    # --- recovery ------------------------------------------------------------------------------
    def save_recovery(self, form: Form) -> None:
        if not self.read_only:
            write_recovery(self.path, dumps_form(form))

    def recovery(self) -> tuple[Form, str] | None:
        """Unsaved edits left by a crash, when they differ from the file: the form and when."""
        found = read_recovery(self.path)
        if found is None or self.read_only:
            return None
        text, written = found
        result = parse_form(text)
        if result.form is None or (self.form is not None and dumps_form(self.form) == text):
            discard_recovery(self.path)
            return None
        return result.form, written.strftime("%Y-%m-%d %H:%M")

    def discard_recovery(self) -> None:
        discard_recovery(self.path)

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
