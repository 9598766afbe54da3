"""FormDocument: locks, backups, recovery copies, changes made by others, hand-edited files, failed saves."""

from __future__ import annotations

import datetime
import errno
import json
import os
import socket
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from models import Form, load_form, save_form
from models.atomic import describe_os_error
from models.backups import GENERATIONS, list_backups
from models.document import ChangedOnDisk, FormDocument, ReadOnly
from models.locking import LockHeld, lock_path, read_lock
from models.recovery import recovery_path


@pytest.fixture
def form_file(tmp_path: Path, clean_form: Form) -> Path:
    path = tmp_path / "2024-测试.toml"
    save_form(clean_form, path)
    return path


def _fake_lock(form: Path, pid: int, host: str | None = None) -> None:
    path = lock_path(form)
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = {"host": host or socket.gethostname(), "pid": pid, "user": "张三", "since": _now()}
    path.write_text(json.dumps(holder), encoding="utf-8")


def test_lock_is_taken_and_released(form_file: Path) -> None:
    document = FormDocument.open(form_file)
    holder = read_lock(form_file)
    assert holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
    document.close()
    assert read_lock(form_file) is None


def test_a_live_holder_is_named_and_read_only_is_possible(form_file: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _fake_lock(form_file, other.pid)
        with pytest.raises(LockHeld) as held:
            FormDocument.open(form_file)
        message = held.value.info.describe()
        assert "张三" in message and str(other.pid) in message and read_lock(form_file).since.replace("T", " ") in message  # type: ignore[union-attr]
        viewer = FormDocument.open(form_file, read_only=True)
        assert viewer.form is not None and viewer.read_only
        with pytest.raises(ReadOnly):
            viewer.save(viewer.form)
        assert read_lock(form_file).pid == other.pid  # type: ignore[union-attr]  # never stolen
    finally:
        other.kill()
        other.wait()


def test_a_dead_holders_lock_is_taken_over(form_file: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _fake_lock(form_file, gone.pid)
    document = FormDocument.open(form_file)
    assert document.lock_taken_over is not None and document.lock_taken_over.pid == gone.pid
    assert read_lock(form_file).pid == os.getpid()  # type: ignore[union-attr]
    document.close()


def test_a_lock_from_another_host_is_not_taken_over(form_file: Path) -> None:
    _fake_lock(form_file, 1, host="另一台电脑")
    with pytest.raises(LockHeld):
        FormDocument.open(form_file)


def test_each_save_keeps_the_previous_version(form_file: Path, clean_form: Form) -> None:
    document = FormDocument.open(form_file)
    versions = [form_file.read_bytes()]
    for year in range(2025, 2025 + GENERATIONS + 2):
        clean_form.year = year
        document.save(clean_form)
        versions.append(form_file.read_bytes())
    backups = list_backups(form_file)
    assert len(backups) == GENERATIONS
    assert [b.read_bytes() for b in backups] == versions[-2:-2 - GENERATIONS:-1]  # newest first
    document.close()


def test_a_file_changed_by_someone_else_is_not_overwritten_silently(form_file: Path, clean_form: Form) -> None:
    document = FormDocument.open(form_file)
    other = load_form(form_file)
    other.project = "别人改的"
    stat = form_file.stat()
    save_form(other, form_file)
    os.utime(form_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime: content decides
    clean_form.project = "我改的"
    with pytest.raises(ChangedOnDisk):
        document.save(clean_form)
    assert load_form(form_file).project == "别人改的"
    document.save(clean_form, overwrite=True)
    assert load_form(form_file).project == "我改的"
    assert list_backups(form_file)[0].read_text(encoding="utf-8").count("别人改的") == 1
    document.close()


def test_recovery_copy_is_offered_until_saved_or_discarded(form_file: Path, clean_form: Form) -> None:
    document = FormDocument.open(form_file)
    edited = clean_form.model_copy(deep=True)
    edited.funds.current_year.executed = Decimal("12.34")
    document.save_recovery(edited)
    document.close()  # as after a crash: the copy stays
    reopened = FormDocument.open(form_file)
    found = reopened.recovery()
    assert found is not None and found[0].funds.current_year.executed == Decimal("12.34")
    reopened.save(found[0])
    assert not recovery_path(form_file).exists()
    assert load_form(form_file).funds.current_year.executed == Decimal("12.34")
    reopened.save_recovery(edited)
    reopened.discard_recovery()
    assert reopened.recovery() is None
    reopened.close()


def test_hand_edited_files_are_recognised(form_file: Path) -> None:
    text = form_file.read_text(encoding="utf-8")
    assert FormDocument.open(form_file).hand_edited is False
    form_file.write_text("# 我的备注\n" + text, encoding="utf-8")
    document = FormDocument.open(form_file)
    assert document.hand_edited is True
    assert document.form is not None
    document.save(document.form)
    assert "# 我的备注" in list_backups(form_file)[0].read_text(encoding="utf-8")
    assert document.hand_edited is False
    document.close()


def test_a_newer_format_version_opens_read_only(form_file: Path) -> None:
    form_file.write_text(form_file.read_text(encoding="utf-8").replace("format_version = 1", "format_version = 3"),
                         encoding="utf-8")
    document = FormDocument.open(form_file)
    assert document.read_only and "版本" in document.read_only
    before = form_file.read_bytes()
    with pytest.raises(ReadOnly):
        document.save(document.form)  # type: ignore[arg-type]
    assert form_file.read_bytes() == before
    document.close()


@pytest.mark.parametrize(
    ("code", "words"), [(errno.ENOSPC, "磁盘已满"), (errno.EACCES, "没有权限"), (errno.EROFS, "只读")]
)
def test_a_failed_write_leaves_the_old_file(form_file: Path, clean_form: Form, monkeypatch: pytest.MonkeyPatch,
                                            code: int, words: str) -> None:
    document = FormDocument.open(form_file)
    before = form_file.read_bytes()

    real_replace = os.replace

    def refuse(source: str, target: str) -> None:
        if Path(target) == form_file:  # the backup is written; the form itself fails
            raise OSError(code, os.strerror(code))
        real_replace(source, target)

    monkeypatch.setattr("models.atomic.os.replace", refuse)
    clean_form.project = "不会写入"
    with pytest.raises(OSError) as failure:
        document.save(clean_form)
    assert words in describe_os_error(failure.value)
    assert form_file.read_bytes() == before
    assert not list(form_file.parent.glob(f".{form_file.name}.*.tmp"))  # no half-written leftovers
    document.close()


def test_crlf_and_bom_files_save_back_identically(form_file: Path) -> None:
    original = b"\xef\xbb\xbf" + form_file.read_bytes().replace(b"\n", b"\r\n")
    form_file.write_bytes(original)
    document = FormDocument.open(form_file)
    assert not document.hand_edited
    document.save(document.form)  # type: ignore[arg-type]
    assert form_file.read_bytes() == original
    document.close()


def test_new_files_get_the_usual_permissions(tmp_path: Path, clean_form: Form) -> None:
    old = os.umask(0o022)
    try:
        save_form(clean_form, tmp_path / "new.toml")
    finally:
        os.umask(old)
    assert (tmp_path / "new.toml").stat().st_mode & 0o777 == 0o644


def _now() -> str:
    """A lock's `since` after its holder process started (a pid started later is a reused one)."""
    return datetime.datetime.now().isoformat(timespec="seconds")
