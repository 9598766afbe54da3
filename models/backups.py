"""Previous versions of each form, kept on every save: .jixiao/backups/<file name>/<time>.toml."""

from __future__ import annotations

import datetime
from pathlib import Path

from .atomic import atomic_write
from .workspace import state_folder

GENERATIONS = 5


def backup_folder(form: Path) -> Path:
    return state_folder(form, "backups") / form.name


def keep_backup(form: Path, generations: int = GENERATIONS) -> Path | None:
    """Copy the file as it is on disk before it is replaced; keep the newest `generations`."""
    try:
        data = form.read_bytes()
    except FileNotFoundError:
        return None
    folder = backup_folder(form)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}.toml"
    atomic_write(target, data)
    for old in list_backups(form)[generations:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(form: Path) -> list[Path]:
    """Newest first."""
    folder = backup_folder(form)
    return sorted(folder.glob("*.toml"), reverse=True) if folder.is_dir() else []
