"""Nothing lost in the editor: locks, crash recovery, files changed by others, comments, full disks."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from editor_helpers import editor, hold_lock, retype

from models import load_form, save_form
from models.backups import list_backups
from models.locking import lock_path
from models.recovery import recovery_path
from tui.app import JixiaoApp
from tui.screens.dialogs import Question
from tui.widgets.fields import FieldInput
from tui.widgets.status import ScoreBar


async def test_a_form_open_elsewhere_can_be_viewed_read_only(training: Path, other_process: int) -> None:
    hold_lock(training, other_process, "李四")
    before = training.read_bytes()
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Question)
        assert "李四" in str(app.screen.query_one(".dialog-text").render())
        await pilot.press("r")
        await pilot.pause()
        screen = editor(app)
        assert screen.session is not None and screen.session.read_only
        assert "只读" in str(app.screen.query_one(ScoreBar).render())
        field = app.screen.query_one("#f-funds-current_year-executed", FieldInput)
        field.focus()
        await pilot.press("end", "9")
        assert field.value == "25.40"  # typing is put back: the form can be read, not changed
        await pilot.press("f2")
        assert app.focused is app.screen.query_one("#f-year")  # and every pane can still be reached
        await pilot.press("f5", "ctrl+d", "ctrl+s")
        assert len(screen.form.indicators) == 4  # type: ignore[union-attr]
    assert training.read_bytes() == before
    assert json.loads(lock_path(training).read_text(encoding="utf-8"))["pid"] == other_process


async def test_declining_a_locked_form_opens_nothing(training: Path, other_process: int) -> None:
    hold_lock(training, other_process, "李四")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert editor(app).form is None
        assert "正在别处编辑" in str(app.screen.query_one("#empty").render())


async def test_unsaved_edits_survive_a_crash(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-funds-current_year-executed", "30.20")
        await pilot.pause(1.3)  # the recovery copy is written within a second
        assert "30.20" in recovery_path(training).read_text(encoding="utf-8")
        editor(app).session.document.lock.path.unlink()  # type: ignore[union-attr]  # as if the process died
    # A new session on the same form offers the edits back.
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Question)
        await pilot.press("r")
        await pilot.pause()
        screen = editor(app)
        assert screen.figures is not None and str(screen.figures.total) == "96.00"
        assert screen.unsaved
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not recovery_path(training).exists()
    assert str(load_form(training).funds.current_year.executed) == "30.20"


async def test_quitting_without_saving_drops_the_recovery_copy(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "临时")
        await pilot.pause(1.3)
        assert recovery_path(training).exists()
        await pilot.press("ctrl+q", "n")
        await pilot.pause()
    assert not recovery_path(training).exists()
    assert not lock_path(training).exists()


@pytest.mark.parametrize(("answer", "expected"), [("o", "我改的"), ("l", "别人改的")])
async def test_a_file_changed_by_someone_else_asks_before_saving(training: Path, answer: str, expected: str) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "我改的")
        other = load_form(training)
        other.project = "别人改的"
        save_form(other, training)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Question) and "修改" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press(answer)
        await pilot.pause()
        assert editor(app).form.project == expected  # type: ignore[union-attr]
    assert load_form(training).project == expected


async def test_comments_are_announced_before_the_first_save(training: Path) -> None:
    training.write_text("# 2024 年终稿，王会计\n" + training.read_text(encoding="utf-8"), encoding="utf-8")
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "改名")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, Question) and "注释" in str(app.screen.query_one(".dialog-text").render())
        await pilot.press("s")
        await pilot.pause()
    assert load_form(training).project == "改名"
    assert "王会计" in list_backups(training)[0].read_text(encoding="utf-8")


async def test_a_full_disk_keeps_the_edits_and_the_old_file(training: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = training.read_bytes()
    real_replace = os.replace

    def full_disk(source: str, target: str) -> None:
        if Path(target) == training:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr("models.atomic.os.replace", full_disk)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-funds-current_year-executed", "30.20")
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("磁盘已满" in m and "修改仍保留" in m for m in messages)
        screen = editor(app)
        assert screen.unsaved
        assert str(screen.form.funds.current_year.executed) == "30.20"  # type: ignore[union-attr]
    assert training.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("gbk.toml", 'project = "社区建设"\n'.encode("gbk"), "E002"),
        ("binary.toml", bytes(range(256)) * 4, "E002"),
        ("empty.toml", b"", "E002"),
        ("deep.toml", b"a = " + b"[" * 50_000, "E003"),
        ("huge.toml", b"year = 1" + b"0" * 5000, "E003"),
        ("unknown.toml", b"projct = 1\n", "E004"),
    ],
)
async def test_bad_files_open_with_their_problems_listed(forms: Path, name: str, content: bytes, code: str) -> None:
    path = forms / name
    path.write_bytes(content)
    app = JixiaoApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.form is None and code in [p.code for p in screen.problems]
        await pilot.press("ctrl+s", "ctrl+z", "f5", "f6", "enter")
        assert app.is_running
    assert path.read_bytes() == content


async def test_a_newer_format_opens_read_only(training: Path) -> None:
    training.write_text(training.read_text(encoding="utf-8").replace("format_version = 1", "format_version = 9"),
                        encoding="utf-8")
    before = training.read_bytes()
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = editor(app)
        assert screen.session is not None and screen.session.read_only
        assert "E005" in [p.code for p in screen.problems]
        await pilot.press("ctrl+s")
    assert training.read_bytes() == before


async def test_saving_an_unchanged_form_keeps_the_backups(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await retype(pilot, "#f-project", "改名")
        await pilot.press("ctrl+s")
        await pilot.pause()
        backups = list_backups(training)
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s")
        await pilot.pause()
        assert list_backups(training) == backups and len(backups) == 1


async def test_a_lock_can_be_taken_over_on_purpose(training: Path) -> None:
    hold_lock(training, 1, "乙", host="另一台电脑")
    path = lock_path(training)
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")  # 接管编辑
        await pilot.pause()
        screen = editor(app)
        assert screen.session is not None and not screen.session.read_only
    assert not path.exists()  # released on exit: it was ours
