"""Previous versions of each form, kept on every save: .jixiao/backups/<file name>/<time>.toml."""

from __future__ import annotations

import datetime
from pathlib import Path

from .atomic import atomic_write
from .workspace import RefusedSymlink, make_state_folder, state_path

GENERATIONS = 5


def backup_folder(form: Path) -> Path:
    return state_path(form, "backups")


def keep_backup(form: Path, generations: int = GENERATIONS) -> Path | None:
    """Copy the file as it is on disk before it is replaced; keep the newest `generations`."""
    try:
        data = form.read_bytes()
    except FileNotFoundError:
        return None
    folder = backup_folder(form)
    make_state_folder(folder)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}.toml"
    atomic_write(target, data)
    for old in list_backups(form)[generations:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(form: Path) -> list[Path]:
    """Newest first."""
    try:
        folder = backup_folder(form)
    except RefusedSymlink:  # none of ours can be there
        return []
    return sorted(folder.glob("*.toml"), reverse=True) if folder.is_dir() else []
