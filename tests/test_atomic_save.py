"""A save killed at any moment leaves the old or the new form on disk, never a broken one."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from models import Form, load_form, save_form
from models.atomic import remove_stale_temporaries
from models.document import FormDocument

KILLS = 120


def _two_versions(sample: Form) -> tuple[Form, Form]:
    # Large enough that a write takes a while, so kills land mid-write too.
    old = sample.model_copy(deep=True)
    old.goals.actual = "旧版本。" * 20_000
    new = sample.model_copy(deep=True)
    new.goals.actual = "新版本！" * 30_000
    return old, new


def _save_forever(path: str, old: Form, new: Form) -> None:
    while True:
        save_form(new, path)
        save_form(old, path)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_sigkill_during_saves_never_leaves_a_broken_file(tmp_path: Path, clean_form: Form) -> None:
    path = tmp_path / "form.toml"
    old, new = _two_versions(clean_form)
    save_form(old, path)
    expected = {old.goals.actual, new.goals.actual}
    context = multiprocessing.get_context("fork")
    rng = random.Random(20241129)
    for _ in range(KILLS):
        child = context.Process(target=_save_forever, args=(str(path), old, new))
        child.start()
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join()
        assert load_form(path).goals.actual in expected
    # A crash can leave a temporary file; whoever next holds the lock removes it.
    leftovers = list(tmp_path.glob(".form.toml.*.tmp"))
    remove_stale_temporaries(path)
    assert not list(tmp_path.glob(".form.toml.*.tmp"))
    print(f"{len(leftovers)} of {KILLS} kills landed while a temporary file was being written")
    assert len(leftovers) <= KILLS


def test_opening_for_edit_cleans_leftover_temporaries(tmp_path: Path, clean_form: Form) -> None:
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    (tmp_path / ".form.toml.abc123.tmp").write_text("half a form", encoding="utf-8")
    (tmp_path / ".other.toml.abc123.tmp").write_text("another form's", encoding="utf-8")
    document = FormDocument.open(path)
    try:
        assert not (tmp_path / ".form.toml.abc123.tmp").exists()
        assert (tmp_path / ".other.toml.abc123.tmp").exists()  # not ours to remove
    finally:
        document.close()


def test_save_keeps_the_files_permissions(tmp_path: Path, clean_form: Form) -> None:
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    path.chmod(0o640)
    save_form(clean_form, path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_an_unforeseen_error_is_described_for_a_clerk() -> None:
    import errno as errno_codes

    from models.atomic import describe_os_error, describe_unforeseen

    full = OSError(errno_codes.ENOSPC, "No space left on device")
    assert describe_unforeseen(full) == describe_os_error(full)  # the system's reason, in Chinese
    assert describe_unforeseen(KeyError("x")).startswith("意外错误（请告诉维护人员）：KeyError")
