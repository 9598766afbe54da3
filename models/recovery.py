"""Unsaved edits written aside shortly after each change, offered back after a crash."""

from __future__ import annotations

import datetime
from pathlib import Path

from .atomic import atomic_write
from .workspace import state_folder


def recovery_path(form: Path) -> Path:
    return state_folder(form, "recovery") / form.name


def write_recovery(form: Path, text: str) -> None:
    path = recovery_path(form)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


def read_recovery(form: Path) -> tuple[str, datetime.datetime] | None:
    """The recovered text and when it was written, or None."""
    path = recovery_path(form)
    try:
        text = path.read_text(encoding="utf-8")
        written = datetime.datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, UnicodeDecodeError):
        return None
    return text, written


def discard_recovery(form: Path) -> None:
    recovery_path(form).unlink(missing_ok=True)
