"""Unsaved edits written aside shortly after each change, offered back after a crash."""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path

from .atomic import atomic_write
from .workspace import RefusedSymlink, make_state_folder, state_path


def recovery_path(form: Path) -> Path:
    return state_path(form, "recovery")


# The first line of a copy names the digest of the file the edits were made on: restoring them
# over a file changed since must not silently overwrite that change (a TOML comment, so the copy
# still reads as a form).
_BASE = "# jixiao-recovery-base: "


def write_recovery(form: Path, text: str, base: str | None = None) -> None:
    path = recovery_path(form)
    make_state_folder(path.parent)
    atomic_write(path, (f"{_BASE}{base or ''}\n{text}").encode())


def read_recovery(form: Path) -> tuple[str, datetime.datetime, str | None] | None:
    """The recovered text, when it was written and the digest of the file it was based on, or None."""
    try:
        path = recovery_path(form)
        text = path.read_text(encoding="utf-8")
        written = datetime.datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, UnicodeDecodeError):
        return None
    base: str | None = None
    if text.startswith(_BASE):
        first, _, text = text.partition("\n")
        base = first.removeprefix(_BASE).strip() or None
    return text, written, base


def discard_recovery(form: Path) -> None:
    with contextlib.suppress(RefusedSymlink):  # none of ours can be there: nothing to remove
        recovery_path(form).unlink(missing_ok=True)
