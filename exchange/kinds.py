"""Which files hold forms other than TOML. Standard library only: `validate` asks before loading anything."""

from __future__ import annotations

from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = WORKBOOK_SUFFIXES + PDF_SUFFIXES


def is_exchange_file(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES
