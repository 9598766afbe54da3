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

# A workbook or PDF that cannot be read at all (damaged, password, scanned, over a cap, no form
# found): `validate` counts it as unreadable (exit 2), as `import` does, not as a form with errors.
UNREADABLE_FILE_CODES = ("E010", "E011", "E012", "E013", "E014")
