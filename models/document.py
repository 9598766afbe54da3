"""A form file opened for editing: its lock, what was on disk, backups, recovery, and safe saving."""

from __future__ import annotations

import codecs
import contextlib
import errno
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_write, describe_os_error, remove_stale_temporaries
from .backups import keep_backup
from .digest import sha256_hex
from .filenames import MAX_NAME_BYTES, name_fits
from .form import Form
from .locking import FormLock, LockInfo
from .problems import Problem
from .recovery import discard_recovery, read_recovery, write_recovery
from .salvage import put_back_amounts, salvage_result
from .scoring import Figures
from .toml_comments import toml_comments
from .toml_io import MAX_FILE_BYTES, LoadResult, dumps_form, parse_form, parse_form_bytes, read_capped
from .workspace import STATE_FOLDER


class ChangedOnDisk(Exception):
    """The file was changed by someone else since it was opened or last saved."""


class ReadOnly(Exception):
    """The form is open read-only; the message says why."""


class Vanished(Exception):
    """The file, or its whole folder, is gone since it was opened: deleted, renamed or moved away.

    Saving must not quietly re-create it where nobody will look; the user picks a place.
    """

    def __init__(self, path: Path, folder: bool) -> None:
        self.path, self.folder = path, folder
        what = f"文件夹“{path.parent}”" if folder else f"文件“{path.name}”"
        super().__init__(f"{what}已被删除、重命名或移走")


class NameTaken(Exception):
    """Save as, rename or a new form would replace a file that exists."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"“{path.name}”已存在，请换一个名字")


class NameTooLong(Exception):
    """The name leaves no room for the temporary, lock and recovery files a save needs."""

    def __init__(self, name: str) -> None:
        super().__init__(f"文件名“{name[:20]}…”太长（UTF-8 超过 {MAX_NAME_BYTES} 字节），请取短一些的名字")


def _digest(data: bytes | None) -> str | None:
    return None if data is None else sha256_hex(data)


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
    comments: bool = False  # the file has comments of its own, which saving drops
    lock: FormLock | None = None
    lock_taken_over: LockInfo | None = None
    crlf: bool = False  # the file's own line ends and BOM are kept, so an unchanged save is identical
    bom: bool = False
    refused: dict[str, str] = field(default_factory=dict)  # text in amount fields, by key: kept to be fixed
    refused_problems: list[Problem] = field(default_factory=list)  # why each of those was refused
    _digest: str | None = None
    recovery_base: str | None = None  # digest of the file the found recovery copy was based on
    recovery_refused: dict[str, str] = field(default_factory=dict)  # the found copy's text in amount fields
    recovery_problems: list[Problem] = field(default_factory=list)  # why each of those was refused

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
                # One level of brackets: the reason may hold its own (没有权限（请检查…）).
                reason = f"无法在此文件夹中创建锁文件，只能查看。原因：{describe_os_error(error)}"
        if lock is not None:
            remove_stale_temporaries(path)
        raw: bytes | None = None
        try:
            data, size = read_capped(path)  # read once: what is parsed is what the digest describes
        except OSError as error:
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
        self.form, self.refused, self.refused_problems, self.problems = salvage_result(result)
        if any(p.code == "E005" for p in self.problems):
            self.read_only = "文件格式版本比本程序新，为免丢失内容，不能覆盖保存"
        if self.form is not None and result.text:
            standard = dumps_form(self.form)
            self.hand_edited = result.text.replace("\r\n", "\n") != standard
            self.comments = self.hand_edited and bool(set(toml_comments(result.text)) - set(toml_comments(standard)))

    def encode(self, form: Form) -> bytes:
        text = dumps_form(form)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")

    # --- disk --------------------------------------------------------------------------------
    def changed_on_disk(self) -> bool:
        return _disk_digest(self.path) != self._digest

    def vanished(self) -> Vanished | None:
        """Why the file cannot be saved where it was: its folder or (having been read) the file is gone."""
        if not self.path.parent.is_dir():
            return Vanished(self.path, folder=True)
        if self._digest is not None and not self.path.exists():
            return Vanished(self.path, folder=False)
        return None

    def save(self, form: Form, *, overwrite: bool = False) -> None:
        """Back up what is on disk, then write atomically.

        Raises ReadOnly, Vanished, ChangedOnDisk or OSError; the file is unchanged after any of them.
        """
        if self.read_only:
            raise ReadOnly(self.read_only)
        gone = self.vanished()
        if gone is not None:
            raise gone
        if not overwrite and self.changed_on_disk():
            raise ChangedOnDisk(str(self.path))
        data = self.encode(form)
        if _digest(data) != _disk_digest(self.path):  # an unchanged save writes nothing, keeps the backups
            keep_backup(self.path, original=self.hand_edited)
            atomic_write(self.path, data)
        self._digest = _digest(data)
        self.form = form
        self.hand_edited = self.comments = False
        self.problems = []
        self.refused, self.refused_problems = {}, []
        discard_recovery(self.path)

    @staticmethod
    def write_new(form: Form, target: Path) -> tuple[FormLock, bytes]:
        """Write a form to a file that does not exist yet, holding its lock first.

        NameTooLong, NameTaken, LockHeld or OSError (a missing folder is never created) leave
        nothing behind.
        """
        if not name_fits(target.name):
            raise NameTooLong(target.name)
        if STATE_FOLDER in target.parts:  # backups, locks and recovery copies live there, not forms
            raise OSError(None, "不能保存到 jixiao 的内部文件夹（.jixiao）", str(target))
        if target.exists():
            raise NameTaken(target)
        if not target.parent.is_dir():
            if any(part.exists() and not part.is_dir() for part in (target.parent, *target.parent.parents)):
                raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(target.parent))  # named in the message
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
        lock = FormLock(target)
        data = dumps_form(form).encode("utf-8")
        try:
            atomic_write(target, data)
        except BaseException:
            lock.release()
            raise
        return lock, data

    def save_as(self, form: Form, target: Path) -> None:
        """Write the form to a new file and follow it there; the original is left as it is on disk.

        The new name's lock is taken before anything is written (LockHeld, NameTaken, NameTooLong
        or OSError leave everything as it was). A read-only view's original keeps its own
        recovery copy: it belongs to whoever edits that file.
        """
        lock, data = self.write_new(form, target)
        if not self.read_only:
            discard_recovery(self.path)
            moved = self.lock.moved_to() if self.lock is not None else None
            if moved is not None:  # the folder was moved: its copy of these (now saved) edits goes too
                with contextlib.suppress(OSError):
                    (moved.parent.parent / "recovery" / moved.name.removesuffix(".lock")).unlink()
        self._follow(target, lock, _digest(data))
        self.form = form
        self.problems, self.refused, self.refused_problems = [], {}, []
        self.crlf = self.bom = False

    def rename(self, target: Path) -> None:
        """Rename the file on disk and follow it (only a writable form: a viewer's file is someone else's)."""
        if self.read_only:
            raise ReadOnly(self.read_only)
        if not name_fits(target.name):
            raise NameTooLong(target.name)
        gone = self.vanished()
        if gone is not None:
            raise gone
        if target.exists():
            raise NameTaken(target)
        lock = FormLock(target)
        try:
            self.path.rename(target)
        except BaseException:
            lock.release()
            raise
        discard_recovery(self.path)  # the session writes the edits again under the new name
        self._follow(target, lock, self._digest)

    def _follow(self, target: Path, lock: FormLock, digest: str | None) -> None:
        self.close()
        self.path, self.lock, self._digest = target, lock, digest
        self.read_only = None
        self.hand_edited = self.comments = False

    # --- recovery ------------------------------------------------------------------------------
    @staticmethod
    def recovery_text(form: Form, refused: Mapping[str, str], figures: Figures | None = None) -> str:
        """The form as the user sees it: `refused` is the text shown in fields the form could not take.

        `figures`: the form's figures when the caller has them (score_form's otherwise)."""
        return put_back_amounts(dumps_form(form, figures), refused)

    def save_recovery(self, form: Form, refused: Mapping[str, str] | None = None, figures: Figures | None = None) -> None:
        if self.read_only:
            return  # a viewer never writes, moves or deletes anything of the form's
        write_recovery(self.path, self.recovery_text(form, refused or {}, figures), self._digest)

    def recovery(self) -> tuple[Form, str] | None:
        """Unsaved edits left by a crash, when they differ from the file: the form and when.

        `recovery_base_changed` tells whether the file changed after the copy's edits began.
        """
        found = read_recovery(self.path)
        if found is None or self.read_only:
            return None
        text, written, base = found
        self.recovery_base = base
        form, self.recovery_refused, self.recovery_problems, _ = salvage_result(parse_form(text), with_year=True)
        if form is None:
            return None  # unreadable: left alone (nothing is deleted that might be someone's work)
        if self.form is not None and self.recovery_text(self.form, self.refused) == text:
            discard_recovery(self.path)  # the file already holds exactly these edits
            return None
        return form, written.strftime("%Y-%m-%d %H:%M")

    @property
    def recovery_base_changed(self) -> bool:
        """The file on disk is not the one the found recovery copy's edits were made on."""
        return self.recovery_base is not None and self.recovery_base != self._digest

    def take_recovery_base(self) -> None:
        """The recovered edits are made on the copy's base: a save over a file changed since raises
        ChangedOnDisk (the usual question), never overwrites that change silently."""
        if self.recovery_base is not None:
            self._digest = self.recovery_base

    def discard_recovery(self) -> None:
        if not self.read_only:
            discard_recovery(self.path)

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
