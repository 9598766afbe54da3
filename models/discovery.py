"""Finding form files on disk. Standard library only, so that `validate` can start its helper
process before it imports the models."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path


def find_form_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """Files named, and *.toml files under folders named (sorted); and the paths that do not exist."""
    files: list[Path] = []
    missing: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(_tomls_under(path))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def list_folder_forms(folder: Path) -> list[Path]:
    """The forms directly in `folder` (not its subfolders): what the editor lists."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith(".") and p.is_file())
    except OSError:
        return []


def _tomls_under(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # skip .git, backups, caches
        yield from (Path(root, n) for n in names if n.endswith(".toml") and not n.startswith("."))
