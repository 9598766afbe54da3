"""The edit session, without a screen: typing, undo, views, saving and every way work could be lost."""

from __future__ import annotations

import dataclasses
import datetime
import errno
import json
import os
import re
import socket
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from models import Form, load_form, save_form
from models import document as document_module
from models.address import Address
from models.backups import ORIGINAL_SUFFIX, list_backups
from models.filenames import MAX_NAME_BYTES, file_name_from_input
from models.locking import lock_path, read_lock
from models.recovery import recovery_path
from models.session import (
    ChangedOnDisk,
    EditSession,
    HandEdited,
    LockHeld,
    NameTaken,
    NameTooLong,
    ReadOnly,
    SaveFailed,
    TextNotSaved,
    Vanished,
)


@pytest.fixture
def form_file(tmp_path: Path, clean_form: Form) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    path = folder / "2024-测试.toml"
    save_form(clean_form, path)
    return path


@pytest.fixture
def session(form_file: Path) -> Iterator[EditSession]:
    opened = EditSession.open(form_file)
    yield opened
    opened.close()


def _hold(form: Path, pid: int, host: str | None = None) -> None:
    path = lock_path(form)
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = {"host": host or socket.gethostname(), "pid": pid, "user": "李四", "since": _now()}
    path.write_text(json.dumps(holder), encoding="utf-8")


EXECUTED = "funds.current_year.executed"


# --- typing, undo and the view ---------------------------------------------------------------------
def test_typing_returns_the_figures_the_screen_shows(session: EditSession) -> None:
    view = session.type(EXECUTED, "50")
    assert view.figures is not None and view.figures.execution_rate == Decimal("50.00")
    assert view.fund_rows[0].key == "current_year" and view.fund_rows[0].rate == "50.00"
    assert [row.key for row in view.fund_rows] == [key for key, _ in session.form.funds.rows()]  # type: ignore[union-attr]
    assert view.unsaved and view.summary is not None and view.summary.total == f"{view.figures.total:.2f}"
    assert view.rows[0].name == "培训人数" and view.rows[0].weight == "50.00"
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.unsaved = False  # type: ignore[misc]


def test_refused_text_is_kept_marked_and_unsaved(session: EditSession) -> None:
    view = session.type(EXECUTED, "12,5万")
    assert session.text(EXECUTED) == "12,5万" and view.unsaved
    assert view.marks[EXECUTED][0].value == "error"
    assert session.form.funds.current_year.executed == Decimal("100.00")  # type: ignore[union-attr]
    view = session.type(EXECUTED, "100.00")
    assert EXECUTED not in view.marks and not view.unsaved


def test_undo_and_redo_report_the_field_to_show(session: EditSession) -> None:
    session.type("project", "改名")
    undone = session.undo()
    assert undone is not None and undone.focus_where == "project" and session.form.project == "测试项目经费"  # type: ignore[union-attr]
    assert not undone.unsaved
    assert session.undo() is None
    redone = session.redo()
    assert redone is not None and session.form.project == "改名"  # type: ignore[union-attr]


def test_a_typed_score_is_the_evaluators_and_can_go_back_to_the_suggestion(session: EditSession) -> None:
    view = session.type("indicators[2].score", "8")
    assert view.rows[2].evaluator and view.rows[2].score == "8.00"
    assert session.text("indicators[2].score") == "8.00"
    view = session.restore_suggestion(2)
    assert not view.rows[2].evaluator and session.text("indicators[2].score") == ""


def test_rows_are_added_deleted_and_moved_with_the_row_to_select(session: EditSession) -> None:
    view = session.add_indicator(0)
    assert view.focus_row == 1 and len(view.rows) == 4
    view = session.move_indicator(1, 1)
    assert view.focus_row == 2
    view = session.delete_indicator(2)
    assert len(view.rows) == 3


# --- case 1: a read-only view writes, moves and deletes nothing --------------------------------------
def test_a_viewer_never_touches_the_editors_recovery_copy(form_file: Path, other_process: int) -> None:
    editor = EditSession.open(form_file)
    editor.type("project", "未保存的修改")
    editor.keep_recovery()
    copy = recovery_path(form_file).read_bytes()
    _hold(form_file, other_process)  # as if the editor were another process
    viewer = EditSession.open(form_file, read_only=True)
    viewer.view()
    viewer.keep_recovery()
    with pytest.raises(ReadOnly):
        viewer.type("project", "x")
    with pytest.raises(ReadOnly):
        viewer.rename(form_file.with_name("别的名字.toml"))
    with pytest.raises(ReadOnly):
        viewer.save()
    viewer.discard_recovery()
    viewer.close()
    assert recovery_path(form_file).read_bytes() == copy
    assert read_lock(form_file).pid == other_process  # type: ignore[union-attr]
    assert form_file.exists() and not form_file.with_name("别的名字.toml").exists()


def test_a_viewers_save_as_leaves_the_originals_recovery_copy(form_file: Path, other_process: int) -> None:
    recovery_path(form_file).parent.mkdir(parents=True)
    recovery_path(form_file).write_text("project = '别人的修改'\n", encoding="utf-8")
    _hold(form_file, other_process)
    viewer = EditSession.open(form_file, read_only=True)
    viewer.save_as(form_file.with_name("副本.toml"))
    viewer.close()
    assert recovery_path(form_file).exists()
    assert read_lock(form_file).pid == other_process  # type: ignore[union-attr]


# --- case 2: a recovery copy waits for the user's answer ---------------------------------------------
def _crash_with(form_file: Path, project: str) -> None:
    crashed = EditSession.open(form_file)
    crashed.type("project", project)
    crashed.keep_recovery()  # the process dies here: the lock file is left, its pid is gone
    crashed.document.lock = None


def test_the_recovery_copy_survives_until_answered(form_file: Path) -> None:
    _crash_with(form_file, "崩溃前的修改")
    lock_path(form_file).unlink()
    reopened = EditSession.open(form_file)
    assert reopened.recovery_offer is not None
    reopened.view()
    reopened.keep_recovery()
    reopened.close()  # a second crash before answering
    again = EditSession.open(form_file)
    assert again.recovery_offer is not None and again.recovery_offer[0].project == "崩溃前的修改"
    view = again.restore_recovery()
    assert view.unsaved and recovery_path(form_file).exists()
    again.keep_recovery()
    assert "崩溃前的修改" in recovery_path(form_file).read_text(encoding="utf-8")
    again.save()
    assert not recovery_path(form_file).exists() and load_form(form_file).project == "崩溃前的修改"
    again.close()


def test_discarding_the_recovery_copy_removes_it(form_file: Path) -> None:
    _crash_with(form_file, "不要了")
    lock_path(form_file).unlink()
    reopened = EditSession.open(form_file)
    reopened.discard_recovery()
    assert not recovery_path(form_file).exists() and reopened.recovery_offer is None
    reopened.close()


def test_undoing_to_the_saved_form_removes_only_a_copy_this_session_wrote(session: EditSession, form_file: Path) -> None:
    session.type("project", "临时")
    session.keep_recovery()
    assert recovery_path(form_file).exists()
    session.undo()
    session.keep_recovery()
    assert not recovery_path(form_file).exists()


# --- case 3: names held by another editor -------------------------------------------------------
@pytest.mark.parametrize("action", ["save_as", "rename"])
def test_a_name_held_by_another_editor_changes_nothing(session: EditSession, form_file: Path, other_process: int, action: str) -> None:
    session.type("project", "未保存")
    session.keep_recovery()
    target = form_file.with_name("别人的.toml")
    _hold(target, other_process)
    with pytest.raises(LockHeld):
        getattr(session, action)(target)
    assert session.path == form_file and session.unsaved and form_file.exists() and not target.exists()
    assert "未保存" in recovery_path(form_file).read_text(encoding="utf-8")


def test_save_as_moves_the_lock_and_the_recovery_copy(session: EditSession, form_file: Path) -> None:
    session.type("project", "另存")
    session.keep_recovery()
    target = form_file.with_name("另存.toml")
    view = session.save_as(target)
    assert view.path == target and not view.unsaved and load_form(target).project == "另存"
    assert read_lock(target).pid == os.getpid() and read_lock(form_file) is None  # type: ignore[union-attr]
    assert not recovery_path(form_file).exists()
    with pytest.raises(NameTaken):
        session.save_as(form_file)


# --- case 4: the folder or the file is gone ----------------------------------------------------------
def test_a_renamed_folder_is_never_recreated(session: EditSession, form_file: Path) -> None:
    session.type("project", "还没保存")
    moved = form_file.parent.with_name("改名后的文件夹")
    form_file.parent.rename(moved)
    warning = session.keep_recovery()  # the copy cannot be written: said, not worked around
    assert warning is not None and "另存为" in warning
    with pytest.raises(Vanished) as gone:
        session.save()
    assert gone.value.folder and "文件夹" in str(gone.value) and "修改" not in str(gone.value)
    assert not form_file.parent.exists()
    elsewhere = moved / "放这里.toml"
    session.save_as(elsewhere)
    assert load_form(elsewhere).project == "还没保存" and not form_file.parent.exists()


def test_a_deleted_file_is_called_deleted(session: EditSession, form_file: Path) -> None:
    session.type("project", "还没保存")
    form_file.unlink()
    with pytest.raises(Vanished) as gone:
        session.save()
    assert not gone.value.folder and "删除" in str(gone.value) and not form_file.exists()


def test_save_as_into_a_missing_folder_fails_without_creating_it(session: EditSession, tmp_path: Path) -> None:
    with pytest.raises(SaveFailed) as failed:
        session.save_as(tmp_path / "没有这个文件夹" / "x.toml")
    assert "不存在" in str(failed.value) and not (tmp_path / "没有这个文件夹").exists()


def test_changed_on_disk_is_still_asked(session: EditSession, form_file: Path, clean_form: Form) -> None:
    session.type("project", "我的")
    clean_form.project = "别人的"
    save_form(clean_form, form_file)
    with pytest.raises(ChangedOnDisk):
        session.save()
    session.save(overwrite=True)
    assert load_form(form_file).project == "我的"


# --- case 7: every name jixiao accepts can be saved --------------------------------------------------
def test_the_longest_accepted_name_saves(session: EditSession, form_file: Path) -> None:
    name = file_name_from_input("长" * 300)
    target = form_file.with_name(name)
    session.rename(target)
    session.type("project", "长名字")
    session.keep_recovery()
    session.save()
    assert load_form(target).project == "长名字"


def test_a_name_too_long_to_save_is_refused_before_anything_is_written(session: EditSession, form_file: Path) -> None:
    target = form_file.with_name("长" * ((MAX_NAME_BYTES - 5) // 3 + 1) + ".toml")
    with pytest.raises(NameTooLong):
        session.save_as(target)
    with pytest.raises(NameTooLong):
        session.rename(target)
    assert form_file.exists()


# --- case 13: honest words and kept originals --------------------------------------------------------
def test_a_live_editor_on_this_machine_cannot_be_taken_over(form_file: Path, other_process: int) -> None:
    _hold(form_file, other_process)
    with pytest.raises(LockHeld) as held:
        EditSession.open(form_file, take_over=True)
    assert held.value.info.alive_here
    assert read_lock(form_file).pid == other_process  # type: ignore[union-attr]


def test_taking_over_another_computers_lock_says_what_is_known(form_file: Path) -> None:
    _hold(form_file, 4242, host="另一台电脑")
    session = EditSession.open(form_file, take_over=True)
    assert session.lock_notice is not None and "已不在运行" not in session.lock_notice
    session.close()


def test_the_original_of_a_hand_edited_file_is_kept_past_every_rotation(form_file: Path) -> None:
    form_file.write_text("# 王会计的批注\n" + form_file.read_text(encoding="utf-8"), encoding="utf-8")
    session = EditSession.open(form_file)
    session.type("project", "第 0 次")
    with pytest.raises(HandEdited):
        session.save()
    session.save(confirmed=True)
    for number in range(1, 8):
        session.type("project", f"第 {number} 次")
        session.save()
    session.close()
    originals = [p for p in list_backups(form_file) if p.name.endswith(ORIGINAL_SUFFIX)]
    assert len(originals) == 1 and "王会计的批注" in originals[0].read_text(encoding="utf-8")


# --- case 14: text in an amount field opens, kept as typed ----------------------------------------
def test_text_in_an_amount_field_opens_kept_and_marked(form_file: Path) -> None:
    text = form_file.read_text(encoding="utf-8")
    form_file.write_text(text.replace("executed = 100.00", 'executed = "一百万"', 1), encoding="utf-8")
    session = EditSession.open(form_file)
    view = session.view()
    assert session.form is not None and session.text(EXECUTED) == "一百万"
    assert view.marks[EXECUTED][0].value == "error" and not view.unsaved
    view = session.type(EXECUTED, "100")
    assert EXECUTED not in view.marks and view.unsaved
    session.save(confirmed=True)
    assert load_form(form_file).funds.current_year.executed == Decimal("100.00")
    session.close()


def test_a_file_with_other_type_errors_still_shows_why(form_file: Path) -> None:
    text = form_file.read_text(encoding="utf-8")
    form_file.write_text(text.replace("year = 2024", 'year = "二〇二四"', 1), encoding="utf-8")
    session = EditSession.open(form_file)
    view = session.view()
    assert session.form is None and "E004" in [p.code for p in view.problems] and view.message
    session.close()


# --- addresses --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "label", "dom_id"),
    [
        ("funds.current_year.executed", "项目资金·当年财政拨款·全年执行数", "f-funds-current_year-executed"),
        ("indicators[3].target", "绩效指标·第 4 条·年度指标值", "f-indicators-3-target"),
        ("year", "年度", "f-year"),
    ],
)
def test_an_address_parses_once_and_formats_three_ways(key: str, label: str, dom_id: str) -> None:
    address = Address.parse(key)
    assert (address.key, address.label, address.dom_id) == (key, label, dom_id)


def test_an_odd_key_from_a_hand_written_file_is_not_an_error() -> None:
    assert Address.parse("x[y").label == "x·[y]"


def test_a_new_money_unit_offers_an_exact_conversion(session: EditSession) -> None:
    session.type("money_unit", "千")
    assert session.unit_offer is None  # still typing 千元
    session.type("money_unit", "元")
    assert session.unit_offer == ("万元", "元")
    view = session.convert_amounts("万元", "元")
    assert session.form.funds.current_year.budget == Decimal("1000000.00") and view.money_unit == "元"  # type: ignore[union-attr]
    session.undo()  # one Ctrl+Z undoes what the user did: the unit and its conversion together
    assert session.form.funds.current_year.budget == Decimal("100.00")  # type: ignore[union-attr]
    assert session.form.money_unit == "万元"  # type: ignore[union-attr]
    session.redo()
    assert session.form.funds.current_year.budget == Decimal("1000000.00") and session.form.money_unit == "元"  # type: ignore[union-attr]


# --- text read from the file in an amount field (never lost to undo, never saved as an invented 0.00) ---
@pytest.fixture
def text_in_amount(form_file: Path) -> Path:
    text = form_file.read_text(encoding="utf-8")
    assert "executed = 100.00" in text
    form_file.write_text(text.replace("executed = 100.00", 'executed = "12,5万"', 1), encoding="utf-8")
    return form_file


def test_undo_keeps_the_files_own_text_in_an_amount_field(text_in_amount: Path) -> None:
    session = EditSession.open(text_in_amount)
    try:
        assert session.text(EXECUTED) == "12,5万"
        session.type("project", "改名")
        session.undo()
        assert session.text(EXECUTED) == "12,5万" and EXECUTED in session.view().marks
        session.type(EXECUTED, "80")
        session.undo()
        assert session.text(EXECUTED) == "12,5万" and not session.unsaved
        session.redo()
        assert session.text(EXECUTED) == "80.00"
    finally:
        session.close()


def test_saving_never_writes_a_value_for_text_from_the_file(text_in_amount: Path) -> None:
    session = EditSession.open(text_in_amount)
    try:
        session.type("project", "改名")
        before = text_in_amount.read_bytes()
        with pytest.raises(TextNotSaved) as refused:
            session.save(confirmed=True)
        assert "全年执行数" in str(refused.value) and text_in_amount.read_bytes() == before
        with pytest.raises(TextNotSaved):
            session.save_as(text_in_amount.with_name("2024-副本.toml"))
        assert not text_in_amount.with_name("2024-副本.toml").exists()
        session.type(EXECUTED, "90")
        session.save(confirmed=True)
        assert load_form(text_in_amount).funds.current_year.executed == Decimal("90.00")
    finally:
        session.close()


def test_the_bar_has_no_definite_total_while_an_amount_is_unreadable(text_in_amount: Path) -> None:
    session = EditSession.open(text_in_amount)
    try:
        view = session.view()
        assert {"total", "grade", "execution_rate"} <= view.unknown
        assert not session.type(EXECUTED, "90").unknown
    finally:
        session.close()


def test_restoring_a_recovery_copy_never_silently_overwrites_a_later_change_on_disk(form_file: Path) -> None:
    crashed = EditSession.open(form_file)
    crashed.type("project", "崩溃前的修改")
    assert crashed.keep_recovery() is None
    crashed.close()  # the program died: the copy stays
    text = form_file.read_text(encoding="utf-8")
    form_file.write_text(text.replace("测试项目经费", "别人改过的名字"), encoding="utf-8")
    session = EditSession.open(form_file)
    try:
        assert session.recovery_offer is not None and session.recovery_outdated
        session.restore_recovery()
        assert session.form.project == "崩溃前的修改"  # type: ignore[union-attr]
        with pytest.raises(ChangedOnDisk):
            session.save(confirmed=True)
        assert "别人改过的名字" in form_file.read_text(encoding="utf-8")
    finally:
        session.close()


def test_a_recovery_copy_over_an_unchanged_file_is_not_called_outdated(form_file: Path) -> None:
    crashed = EditSession.open(form_file)
    crashed.type("project", "崩溃前的修改")
    crashed.keep_recovery()
    crashed.close()
    session = EditSession.open(form_file)
    try:
        assert session.recovery_offer is not None and not session.recovery_outdated
        session.restore_recovery()
        session.save(confirmed=True)
        assert load_form(form_file).project == "崩溃前的修改"
    finally:
        session.close()


def _now() -> str:
    """A lock's `since` after its holder process started (a pid started later is a reused one)."""
    return datetime.datetime.now().isoformat(timespec="seconds")


# --- a lock whose pid now belongs to another process ----------------------------------------------------
def test_a_lock_whose_pid_was_reused_by_a_later_process_is_stale(form_file: Path, other_process: int) -> None:
    _hold(form_file, other_process)
    path = lock_path(form_file)
    holder = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**holder, "since": "2020-01-01T08:00:00"}), encoding="utf-8")  # before it started
    session = EditSession.open(form_file)
    try:
        assert session.lock_notice is not None and "已不在运行" in session.lock_notice
    finally:
        session.close()


def test_a_zombie_holder_is_dead(form_file: Path) -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415
    import time  # noqa: PLC0415

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child.pid}/stat").exists() and " Z " not in Path(f"/proc/{child.pid}/stat").read_text() \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        _hold(form_file, child.pid)
        session = EditSession.open(form_file)
        session.close()
    finally:
        child.wait()


def test_a_live_holder_started_before_its_lock_still_locks(form_file: Path, other_process: int) -> None:
    _hold(form_file, other_process)
    with pytest.raises(LockHeld) as held:
        EditSession.open(form_file)
    assert held.value.info.alive_here


def test_a_254_byte_name_saves_recovers_and_locks(form_file: Path, clean_form: Form) -> None:
    """A file named by another program with 254 bytes: its temporary, lock and recovery names fit."""
    name = "长" * 82 + "abc.toml"
    assert len(name.encode()) == 255 - 1
    path = form_file.with_name(name)
    save_form(clean_form, path)
    crashed = EditSession.open(path)
    crashed.type("project", "长名字")
    assert crashed.keep_recovery() is None and recovery_path(path).exists()
    crashed.close()
    assert read_lock(path) is None
    session = EditSession.open(path)
    try:
        assert read_lock(path) is not None and lock_path(path).name.endswith(".lock")
        assert session.recovery_offer is not None
        session.restore_recovery()
        session.save()
        assert load_form(path).project == "长名字" and not recovery_path(path).exists()
    finally:
        session.close()


# --- the Python API's typed errors ----------------------------------------------------------------------
def test_opening_a_missing_file_raises_a_typed_error_and_leaves_nothing(tmp_path: Path) -> None:
    from models.session import NoSuchForm  # noqa: PLC0415

    with pytest.raises(NoSuchForm) as missing:
        EditSession.open(tmp_path / "没有.toml")
    assert "找不到表单文件" in str(missing.value) and not (tmp_path / ".jixiao").exists()


def test_typing_into_an_unknown_field_raises_a_typed_error(session: EditSession) -> None:
    from models.session import UnknownField  # noqa: PLC0415

    for key in ("nonsense", "indicators[99].name", "indicators[0].foo"):
        with pytest.raises(UnknownField) as unknown:
            session.type(key, "1")
        assert "没有字段" in str(unknown.value) and key in str(unknown.value)


def test_save_as_says_which_part_of_the_path_is_not_a_folder(session: EditSession, form_file: Path) -> None:
    blocker = form_file.parent / "报告.txt"
    blocker.write_text("不是文件夹", encoding="utf-8")
    with pytest.raises(SaveFailed) as failed:
        session.save_as(blocker / "2024-副本.toml")
    assert f"路径中的“{blocker}”不是文件夹" in str(failed.value)


def test_save_as_into_jixiaos_own_folder_is_refused(session: EditSession, form_file: Path) -> None:
    inside = form_file.parent / ".jixiao" / "locks"
    assert inside.is_dir()  # the open session's lock lives there
    with pytest.raises(SaveFailed) as failed:
        session.save_as(inside / "2024-副本.toml")
    assert "不能保存到 jixiao 的内部文件夹" in str(failed.value) and not (inside / "2024-副本.toml").exists()


def test_save_as_after_the_folder_was_moved_gives_back_the_old_lock(session: EditSession, form_file: Path, tmp_path: Path) -> None:
    moved = tmp_path / "moved"
    session.type("project", "移走之后")
    session.keep_recovery()  # written before the move
    form_file.parent.rename(moved)
    session.save_as(tmp_path / "2024-新位置.toml")
    assert not (moved / ".jixiao" / "locks" / f"{form_file.name}.lock").exists()
    assert not (moved / ".jixiao" / "recovery" / form_file.name).exists()
    assert load_form(tmp_path / "2024-新位置.toml").project == "移走之后"


def test_saving_clears_a_stale_figure_the_save_rewrote(form_file: Path) -> None:
    text = form_file.read_text(encoding="utf-8")
    assert "\ntotal = 100.00\n" in text
    form_file.write_text(text.replace("\ntotal = 100.00\n", "\ntotal = 12.34\n"), encoding="utf-8")
    session = EditSession.open(form_file)
    assert [p.code for p in session.view().problems] == ["E110"]
    view = session.save(confirmed=True)
    assert not view.problems  # the file now holds the computed 总分: nothing left to report
    session.close()


# --- refused text in the recovery copy and when rows move (review of issue 9) ----------------------
def test_the_recovery_copy_keeps_the_text_the_user_saw(text_in_amount: Path) -> None:
    """The copy held the placeholder (0.00) under the file's text: restored, it looked like a value."""
    crashed = EditSession.open(text_in_amount)
    crashed.type("project", "崩溃前的修改")
    crashed.type("indicators[0].score", "八分")
    assert crashed.keep_recovery() is None
    copy = recovery_path(text_in_amount).read_text(encoding="utf-8")
    assert 'executed = "12,5万"' in copy and 'score = "八分"' in copy
    crashed.document.lock = None  # the process dies: the lock file is left, its pid is gone
    lock_path(text_in_amount).unlink()
    again = EditSession.open(text_in_amount)
    try:
        assert any("八分" in str(change) for change in again.recovery_changes())
        view = again.restore_recovery()
        assert again.form.project == "崩溃前的修改"  # type: ignore[union-attr]
        assert again.text(EXECUTED) == "12,5万" and again.text("indicators[0].score") == "八分"
        assert {EXECUTED, "indicators[0].score"} <= set(view.marks)
        with pytest.raises(TextNotSaved):  # the placeholder under the text is never written as a value
            again.save(confirmed=True)
    finally:
        again.close()


def test_text_typed_alone_is_rescued_too(session: EditSession, form_file: Path) -> None:
    """Text the form refused is unsaved work although the form itself did not change."""
    session.type(EXECUTED, "12,5万")
    assert session.rescue()
    assert 'executed = "12,5万"' in recovery_path(form_file).read_text(encoding="utf-8")


def test_refused_text_follows_its_indicator_when_rows_change(form_file: Path) -> None:
    """Keyed by row number, the text stayed at its row and showed in another indicator's field."""
    text = form_file.read_text(encoding="utf-8")
    form_file.write_text(text.replace("weight = 50.00", 'weight = "五十分"', 1), encoding="utf-8")
    session = EditSession.open(form_file)
    try:
        session.type("indicators[1].score", "八分")  # 能力提升
        session.add_indicator(-1)  # a new first row: 培训人数 is row 1 now, 能力提升 row 2
        assert session.text("indicators[0].weight") == "0.00" and session.text("indicators[1].weight") == "五十分"
        assert session.text("indicators[1].score") != "八分" and session.text("indicators[2].score") == "八分"
        view = session.move_indicator(1, 1)  # 培训人数 down, below 能力提升
        assert view.rows[2].name == "培训人数" and session.text("indicators[2].weight") == "五十分"
        assert view.rows[2].weight == "五十分" and view.rows[1].score == "八分"  # the table shows what the fields do
        assert {"indicators[2].weight", "indicators[1].score"} <= set(view.marks)
        assert "indicators[1].weight" not in view.marks
        said = next(p.message for p in view.problems if p.where == "indicators[2].weight")
        assert "第 3 条" in said and "第 1 条" not in said  # the file's words name the row it is in now
        with pytest.raises(TextNotSaved) as refused:
            session.save(confirmed=True)
        assert refused.value.labels == ["绩效指标·第 3 条·分值"]
        session.delete_indicator(2)  # 培训人数 and its text go …
        assert all("五十分" != session.text(f"indicators[{row}].weight") for row in range(3))
        session.undo()  # … and come back with it
        assert session.text("indicators[2].weight") == "五十分"
    finally:
        session.close()


def test_a_recovery_copy_with_text_typed_into_the_year_is_still_offered(session: EditSession, form_file: Path) -> None:
    session.type("project", "崩溃前的修改")
    session.type("year", "2024年")
    session.keep_recovery()
    session.document.lock = None  # the process dies
    lock_path(form_file).unlink()
    again = EditSession.open(form_file)
    try:
        assert again.recovery_offer is not None
        again.restore_recovery()
        assert again.text("year") == "2024年" and again.form.project == "崩溃前的修改"  # type: ignore[union-attr]
    finally:
        again.close()


def test_the_lock_reason_has_one_level_of_brackets(form_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """“创建锁文件（没有权限（请检查…））”: the reason's own brackets went inside the message's."""
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(document_module, "FormLock", refused)
    session = EditSession.open(form_file)
    reason = session.read_only or ""
    assert "锁文件" in reason and "没有权限" in reason and not re.search(r"（[^）]*（", reason)
    session.close()
