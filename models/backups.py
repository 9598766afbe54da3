"""Previous versions of each form, kept on every save: .jixiao/backups/<file name>/<time>.toml.

The newest GENERATIONS are kept. A file jixiao rewrites for the first time (comments, another
layout) is kept apart as <time>-原稿.toml and never rotated out: the dialog promises the
original stays, so it stays until the user deletes it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .atomic import atomic_write
from .workspace import RefusedSymlink, make_state_folder, state_path

GENERATIONS = 5
ORIGINAL_SUFFIX = "-原稿.toml"


def backup_folder(form: Path) -> Path:
    return state_path(form, "backups")


def keep_backup(form: Path, generations: int = GENERATIONS, *, original: bool = False) -> Path | None:
    """Copy the file as it is on disk before it is replaced; keep the newest `generations`.

    `original`: the hand-written original of a file, kept until the user removes it.
    """
    try:
        data = form.read_bytes()
    except FileNotFoundError:
        return None
    folder = backup_folder(form)
    make_state_folder(folder)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / (f"{stamp}{ORIGINAL_SUFFIX}" if original else f"{stamp}.toml")
    atomic_write(target, data)
    rotated = [path for path in list_backups(form) if not path.name.endswith(ORIGINAL_SUFFIX)]
    for old in rotated[generations:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(form: Path) -> list[Path]:
    """Newest first (kept originals included)."""
    try:
        folder = backup_folder(form)
    except RefusedSymlink:  # none of ours can be there
        return []
    return sorted(folder.glob("*.toml"), reverse=True) if folder.is_dir() else []
