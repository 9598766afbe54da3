"""The installed `jixiao` console script in a real terminal (tmux): edit with keys, save, quit."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from models import load_form
from models.locking import lock_path
from models.recovery import recovery_path

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (CI installs it; see .ci/run)")


def _console_script() -> str:
    beside_python = Path(sys.executable).with_name("jixiao")
    found = str(beside_python) if beside_python.exists() else shutil.which("jixiao")
    if found is None:
        pytest.skip("the jixiao console script is not installed (pip install -e .)")
    return found


class Terminal:
    """A session on its own tmux server (-L): other sessions' clients cannot shrink its window."""

    def __init__(self, session: str) -> None:
        self.session = session

    def tmux(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.session, "-f", os.devnull, *arguments],
                              capture_output=True, text=True, check=False)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.session, key).check_returncode()
            time.sleep(0.15)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"“{text}” never appeared; the screen was:\n{self.screen()}")


@pytest.fixture
def terminal(training: Path, tmp_path: Path) -> Iterator[Terminal]:
    session = f"jixiao-test-{uuid.uuid4().hex[:8]}"
    marker = tmp_path / "exited"
    # the pause lets tmux size the window before the app asks for its size
    command = f"sleep 0.5; '{_console_script()}' '{training}'; echo $? > '{marker}'; sleep 30"
    terminal = Terminal(session)
    terminal.tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command).check_returncode()
    try:
        yield terminal
    finally:
        terminal.tmux("kill-server")


def test_edit_save_and_quit_with_real_keys(terminal: Terminal, training: Path, tmp_path: Path) -> None:
    terminal.wait_for("94.41")
    terminal.keys("F3", "Tab", "Tab", "End", *["BSpace"] * 6)
    terminal.keys("3", "0", ".", "2", "0")
    screen = terminal.wait_for("96.00")
    assert "100.00%" in screen and "未保存" in screen
    terminal.keys("C-s")
    terminal.wait_for("已保存")
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while not (tmp_path / "exited").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert (tmp_path / "exited").read_text().strip() == "0"
    form = load_form(training)
    assert form.funds.current_year.executed == Decimal("30.20")
    assert form.figures is not None
    assert (form.figures.execution_rate, form.figures.total, form.figures.grade) == (
        Decimal("100.00"), Decimal("96.00"), "优",
    )


def _gone(pid: int) -> bool:
    """The process has ended (a zombie waiting for its parent counts as ended)."""
    try:
        return " Z " in Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("ending", ["SIGTERM", "SIGHUP: the terminal is closed"])
def test_a_signal_writes_the_recovery_copy_and_the_next_start_offers_it(
    ending: str, training: Path, tmp_path: Path,
) -> None:
    """Shutdown (SIGTERM) or a closed terminal (SIGHUP) used to kill jixiao at once: edits made
    since the last second's recovery copy were lost. That writer is switched off in this process,
    so only the signal handler can have written the copy the test finds."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to see the process end")
    pid_file, marker = tmp_path / "pid", tmp_path / "exited"
    started = (
        "import os, sys; from pathlib import Path; from models.session import EditSession; "
        "EditSession.keep_recovery = lambda self: None; "
        f"Path({str(pid_file)!r}).write_text(str(os.getpid())); "
        f"from tui.cli import main; sys.exit(main([{str(training)!r}]))"
    )
    session = f"jixiao-test-{uuid.uuid4().hex[:8]}"
    command = f"sleep 0.5; '{sys.executable}' -c \"{started}\"; echo $? > '{marker}'; sleep 30"
    terminal = Terminal(session)
    terminal.tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command).check_returncode()
    try:
        terminal.wait_for("94.41")
        terminal.keys("F3", "Tab", "Tab", "End", *["BSpace"] * 6)
        terminal.keys("3", "0", ".", "2", "0")
        terminal.wait_for("96.00")
        pid = int(pid_file.read_text())
        if ending == "SIGTERM":
            os.kill(pid, signal.SIGTERM)
        else:
            terminal.tmux("kill-session", "-t", session).check_returncode()
        deadline = time.monotonic() + 20
        while not _gone(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _gone(pid)
        if ending == "SIGTERM":
            terminal.wait_for("已存入自动恢复副本")
            assert marker.read_text().strip() == str(128 + signal.SIGTERM)
    finally:
        terminal.tmux("kill-server")
    assert "executed = 30.20" in recovery_path(training).read_text(encoding="utf-8")
    assert not lock_path(training).exists()  # it ended cleanly: the lock was given back
    session = f"jixiao-test-{uuid.uuid4().hex[:8]}"
    again = Terminal(session)
    again.tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
               f"sleep 0.5; '{_console_script()}' '{training}'; sleep 30").check_returncode()
    try:
        offered = again.wait_for("发现未保存的修改")
        assert "25.40 → 30.20" in offered  # 全年执行数 as typed before the signal
    finally:
        again.tmux("kill-server")
