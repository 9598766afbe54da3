"""jixiao's own files beside the forms, in one hidden folder: locks, backups, recovery copies."""

from __future__ import annotations

from pathlib import Path

STATE_FOLDER = ".jixiao"


def state_folder(form: Path, kind: str) -> Path:
    """<folder of the form>/.jixiao/<kind>; hidden, so `validate` and the form list skip it."""
    return form.parent / STATE_FOLDER / kind
