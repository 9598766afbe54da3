"""Safe file names for forms, from 年度 and 项目名称, on Windows and POSIX alike."""

from __future__ import annotations

import re

from .digest import sha256_hex

_ILLEGAL = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_ENDS = re.compile(r"^[\s.]+|[\s.]+$")  # a leading dot hides a file; Windows drops trailing dots and spaces
# Windows device names, also with an extension ("AUX.txt") or spaces before it ("CON .txt").
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{d}{i}" for d in ("COM", "LPT") for i in "0123456789¹²³")}
MAX_STEM = 80  # characters
# A form's name may use a file system's whole 255 bytes: the temporary file of a save has a short
# name of its own (".jx-<hash>.XXXXXXXX.tmp", atomic.py) and the lock and recovery names are
# shortened with a hash when the form's name leaves no room (workspace.state_path).
NAME_MAX_BYTES = 255
MAX_NAME_BYTES = NAME_MAX_BYTES  # the longest form file name jixiao writes
MAX_STEM_BYTES = MAX_NAME_BYTES - len(".toml")  # of UTF-8 (an emoji is 4 bytes)


def safe_stem(text: str) -> str:
    """A file name stem with illegal characters replaced, never empty, reserved or hidden."""
    stem = _ENDS.sub("", _cut(_ENDS.sub("", _ILLEGAL.sub("_", text))))
    if not stem:
        return "未命名"
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = _ENDS.sub("", _cut(f"_{stem}"))  # the cut keeps the "_" at the start
    return stem


def _cut(stem: str) -> str:
    stem = stem[:MAX_STEM]
    while len(stem.encode("utf-8", "surrogatepass")) > MAX_STEM_BYTES:
        stem = stem[:-1]
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


def name_fits(name: str) -> bool:
    """Whether a form called `name` can be saved: its temporary, lock and recovery names fit too."""
    return len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES


def fit_name(name: str, suffix: str = "") -> str:
    """`name + suffix`, or when that passes 255 bytes, a readable start of `name`, "~", a hash of the
    whole name and `suffix`: one short name per long name, the same every time."""
    full = f"{name}{suffix}"
    if len(full.encode("utf-8", "surrogatepass")) <= NAME_MAX_BYTES:
        return full
    tail = f"~{name_hash(name)}{suffix}"
    head = name
    while len(f"{head}{tail}".encode("utf-8", "surrogatepass")) > NAME_MAX_BYTES:
        head = head[:-1]
    return f"{head}{tail}"


def name_hash(name: str) -> str:
    """Twelve hex digits naming `name` (for short names derived from a long one)."""
    return sha256_hex(name.encode("utf-8", "surrogatepass"))[:12]
