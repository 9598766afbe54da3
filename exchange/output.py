"""Writing an export: atomically (an existing file is replaced whole or not at all), and an
unwritable destination is a Chinese error with a code, never a traceback."""

from __future__ import annotations

from pathlib import Path

from models.atomic import atomic_write, describe_os_error

from .errors import ExchangeError


def write_output(path: Path, data: bytes) -> None:
    if path.is_dir():
        raise ExchangeError("X301", f"无法写入“{path}”：这是一个文件夹，请给出文件名")
    try:
        atomic_write(path, data)
    except OSError as error:
        raise ExchangeError("X301", f"无法写入“{path}”：{describe_os_error(error)}") from None
