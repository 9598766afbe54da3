"""Unsaved edits written aside shortly after each change, offered back after a crash."""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path

from .atomic import atomic_write
from .workspace import RefusedSymlink, make_state_folder, state_path


def recovery_path(form: Path) -> Path:
    return state_path(form, "recovery")


def write_recovery(form: Path, text: str) -> None:
    path = recovery_path(form)
    make_state_folder(path.parent)
    atomic_write(path, text.encode("utf-8"))


def read_recovery(form: Path) -> tuple[str, datetime.datetime] | None:
    """The recovered text and when it was written, or None."""
    try:
        path = recovery_path(form)
        text = path.read_text(encoding="utf-8")
        written = datetime.datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, UnicodeDecodeError):
        return None
    return text, written


def discard_recovery(form: Path) -> None:
    with contextlib.suppress(RefusedSymlink):  # none of ours can be there: nothing to remove
        recovery_path(form).unlink(missing_ok=True)
