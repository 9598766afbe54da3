"""jixiao's own files beside the forms, in one hidden folder: locks, backups, recovery copies.

Symlink policy (README, 安全): a form that is a symlink is edited at its target (see atomic_write),
and its own files live beside the target, so that the lock is the same whichever way the form was
opened. jixiao never writes its own files through a symlink: a `.jixiao` folder, one of its
subfolders or one of its files that is a symlink is refused (RefusedSymlink), since writing there
would put locks, backups or recovery copies somewhere else, or overwrite another folder's.
"""

from __future__ import annotations

import os
from pathlib import Path

from .filenames import fit_name

STATE_FOLDER = ".jixiao"


class RefusedSymlink(OSError):
    """A file or folder jixiao writes for itself is a symlink; the message says so in Chinese."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"“{path}”是符号链接；jixiao 不通过符号链接写入自己的文件，请把它换成普通的文件或文件夹")
        self.path = path


def state_path(form: Path, kind: str, suffix: str = "") -> Path:
    """<folder of the real form>/.jixiao/<kind>/<real name><suffix>; RefusedSymlink if any part is a link."""
    real = Path(os.path.realpath(form))
    folder = real.parent / STATE_FOLDER
    name = fit_name(real.name, suffix)  # a 255-byte form's lock must fit too
    for part in (folder, folder / kind, folder / kind / name):
        refuse_symlink(part)
    return folder / kind / name


def refuse_symlink(path: Path) -> None:
    """RefusedSymlink when `path` is a symlink (dangling or not); nothing when it is anything else or absent."""
    if os.path.islink(path):
        raise RefusedSymlink(path)


def make_state_folder(folder: Path) -> None:
    """Create a folder inside `.jixiao` (and the ones between), never the form's own folder: a folder
    that vanished (renamed or deleted while a form was open) is not re-created behind the user's back."""
    chain = [folder]
    while chain[-1].name != STATE_FOLDER and chain[-1].parent != chain[-1]:
        chain.append(chain[-1].parent)
    for part in reversed(chain):
        refuse_symlink(part)
        part.mkdir(exist_ok=True)
