"""The symlink policy (README, 安全): a form that is a symlink is edited at its target, atomically,
and stays a link, whichever way it was opened, with one lock; jixiao's own files (`.jixiao` and
everything in it, `jixiao init`'s schema) are never written or removed through a symlink."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from models.atomic import remove_stale_temporaries
from models.backups import keep_backup, list_backups
from models.document import FormDocument
from models.locking import FormLock, LockHeld, lock_path
from models.recovery import discard_recovery, read_recovery, recovery_path, write_recovery
from models.toml_io import load_form, save_form
from models.workspace import RefusedSymlink
from tui.cli import main

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")


@pytest.fixture
def linked_form(tmp_path: Path, sample_file: Callable[[str], Path]) -> tuple[Path, Path]:
    """`work/form.toml` → `shared/real.toml`: a form kept elsewhere, linked into the working folder."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "work").mkdir()
    target = tmp_path / "shared" / "real.toml"
    shutil.copy(sample_file("社区干部实训基地工作经费"), target)
    link = tmp_path / "work" / "form.toml"
    link.symlink_to(target)
    return link, target


@pytest.fixture
def form_in(tmp_path: Path, sample_file: Callable[[str], Path]) -> Path:
    (tmp_path / "forms").mkdir()
    form = tmp_path / "forms" / "form.toml"
    shutil.copy(sample_file("社区干部实训基地工作经费"), form)
    (tmp_path / "elsewhere").mkdir()
    return form


def _everything_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_saving_a_linked_form_writes_the_target_and_keeps_the_link(linked_form):
    link, target = linked_form
    form = load_form(link)
    save_form(form.model_copy(update={"project": "改过的项目"}), link)
    assert link.is_symlink() and link.resolve() == target
    assert load_form(target).project == "改过的项目"
    assert [p.name for p in link.parent.iterdir()] == ["form.toml"]  # no temporary left beside the link


def test_the_editor_saves_through_the_link_opened_from_its_folder(linked_form):
    link, target = linked_form
    document = FormDocument.open(link)
    try:
        assert document.form is not None and document.read_only is None
        document.save(document.form.model_copy(update={"implementer": "新的实施单位"}))
    finally:
        document.close()
    assert link.is_symlink()
    assert load_form(target).implementer == "新的实施单位"
    assert list_backups(link) == list_backups(target) and len(list_backups(target)) == 1


def test_one_lock_whichever_way_the_form_is_opened(linked_form):
    link, target = linked_form
    assert lock_path(link) == lock_path(target) == target.parent / ".jixiao" / "locks" / "real.toml.lock"
    assert recovery_path(link) == recovery_path(target)
    assert not (link.parent / ".jixiao").exists()


def test_a_linked_form_held_through_the_link_is_held_for_the_target(linked_form):
    link, target = linked_form
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        path = lock_path(link)  # another live editor opened the form through the link
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps({"host": socket.gethostname(), "pid": other.pid, "user": "张三", "since": "?"}),
                        encoding="utf-8")
        with pytest.raises(LockHeld):
            FormLock(target)
    finally:
        other.kill()
        other.wait()


def test_stale_temporaries_are_found_beside_the_target(linked_form):
    link, target = linked_form
    leftover = target.parent / f".{target.name}.abcd1234.tmp"
    leftover.write_bytes(b"half a save")
    assert remove_stale_temporaries(link) == 1 and not leftover.exists()


def test_a_symlinked_state_folder_is_refused_and_nothing_is_written_there(form_in):
    elsewhere = form_in.parent.parent / "elsewhere"
    (form_in.parent / ".jixiao").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(RefusedSymlink):
        FormLock(form_in)
    document = FormDocument.open(form_in)
    try:
        assert document.form is not None and document.lock is None
        assert document.read_only is not None and "符号链接" in document.read_only and ".jixiao" in document.read_only
    finally:
        document.close()
    assert _everything_under(elsewhere) == {}


@pytest.mark.parametrize("kind", ["recovery", "backups", "locks"])
def test_a_symlinked_state_subfolder_is_refused(form_in, kind):
    elsewhere = form_in.parent.parent / "elsewhere"
    (elsewhere / kind / form_in.name).mkdir(parents=True)
    planted = elsewhere / kind / "form.toml" / "keep.toml" if kind == "backups" else elsewhere / kind / "form.toml"
    if kind != "backups":
        planted.rmdir()
    planted.write_text("another folder's file", encoding="utf-8")
    (form_in.parent / ".jixiao").mkdir()
    (form_in.parent / ".jixiao" / kind).symlink_to(elsewhere / kind, target_is_directory=True)
    before = _everything_under(elsewhere)
    with pytest.raises(RefusedSymlink) as refused:
        {"recovery": lambda: write_recovery(form_in, "x"), "backups": lambda: keep_backup(form_in),
         "locks": lambda: FormLock(form_in)}[kind]()
    assert "符号链接" in str(refused.value)
    assert read_recovery(form_in) is None and list_backups(form_in) == []
    discard_recovery(form_in)  # nothing of ours there: nothing removed, no error
    assert _everything_under(elsewhere) == before


def test_a_symlinked_recovery_copy_is_refused(form_in):
    elsewhere = form_in.parent.parent / "elsewhere" / "precious.toml"
    elsewhere.write_text("precious", encoding="utf-8")
    (form_in.parent / ".jixiao" / "recovery").mkdir(parents=True)
    (form_in.parent / ".jixiao" / "recovery" / form_in.name).symlink_to(elsewhere)
    with pytest.raises(RefusedSymlink):
        write_recovery(form_in, "overwritten")
    discard_recovery(form_in)
    assert elsewhere.read_text(encoding="utf-8") == "precious"


def test_a_vanished_folder_is_not_recreated_by_housekeeping(form_in):
    folder = form_in.parent
    shutil.rmtree(folder)
    for write in (lambda: write_recovery(form_in, "x"), lambda: FormLock(form_in)):
        with pytest.raises(FileNotFoundError):
            write()
    assert not folder.exists()


def test_init_refuses_a_symlinked_schema(tmp_path, capsys):
    precious = tmp_path / "precious.json"
    precious.write_text("precious", encoding="utf-8")
    (tmp_path / "jixiao.schema.json").symlink_to(precious)
    assert main(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "jixiao.schema.json" in err and "符号链接" in err
    assert precious.read_text(encoding="utf-8") == "precious"


def test_init_keeps_a_taplo_config_that_is_a_dangling_link(tmp_path, capsys):
    (tmp_path / ".taplo.toml").symlink_to(tmp_path / "nowhere.toml")
    assert main(["init", str(tmp_path)]) == 0
    assert not (tmp_path / "nowhere.toml").exists() and (tmp_path / ".taplo.toml").is_symlink()
    assert (tmp_path / "jixiao.schema.json").is_file()
