"""Safe file names for forms, from 年度 and 项目名称, on Windows and POSIX alike."""

from __future__ import annotations

import re

_ILLEGAL = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_STEM = 80  # characters; 240 bytes of UTF-8 at most, under every file system's 255


def safe_stem(text: str) -> str:
    """A file name stem with illegal characters replaced, never empty, reserved or hidden."""
    stem = _ILLEGAL.sub("_", text).strip().strip(".").strip()
    stem = stem[:MAX_STEM].rstrip(". ")
    if not stem:
        stem = "未命名"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem


def form_file_name(year: int | None, project: str) -> str:
    """'2024-社区建设工作专项经费.toml'."""
    prefix = f"{year}-" if year else ""
    return safe_stem(f"{prefix}{project.strip()}") + ".toml"


def file_name_from_input(text: str) -> str:
    """A name the user typed for Save as or Rename, made safe and given the .toml suffix."""
    name = text.strip()
    if name.lower().endswith(".toml"):
        name = name[:-5]
    return safe_stem(name) + ".toml"
