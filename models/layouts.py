"""Layouts (表样) as data: the fund rows of 项目资金 and the labels of its columns, per region."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .plain_record import Field
from .record import Record

DEFAULT_LAYOUT = "shanghai-2024"
FUND_COLUMNS = ("initial_budget", "budget", "executed")
_COLUMN_LABELS = {"initial_budget": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


class Layout(Record, frozen=True, extra="forbid"):
    """One region's 项目资金 block: its rows (file key → printed label) in printed order."""

    name: str
    title: str
    source: str  # where the layout was taken from: a layout without one is not trusted data
    rows: dict[str, str] = Field(min_length=1)
    columns: dict[str, str] = Field(default_factory=lambda: dict(_COLUMN_LABELS))

    def column_label(self, column: str) -> str:
        return self.columns.get(column, _COLUMN_LABELS[column])


def builtin_tables() -> dict[str, dict[str, Any]]:
    """layouts.toml as data, each table with its name."""
    text = Path(__file__).with_name("layouts.toml").read_text(encoding="utf-8")
    return {name: {**table, "name": name} for name, table in tomllib.loads(text).items()}


def _load_builtin() -> dict[str, Layout]:
    # Built as they are, not validated: building Layout's validator would cost every start-up more
    # than reading a form. The data are jixiao's own, and tests/test_regions.py checks that each
    # table gives exactly what Layout.model_validate gives (TOML already has the types: text, tables).
    return {name: Layout.model_construct(**table) for name, table in builtin_tables().items()}


LAYOUTS: dict[str, Layout] = _load_builtin()

# Every row key any layout knows, with its label: for places named without a form at hand.
ALL_ROW_LABELS: dict[str, str] = {key: label for layout in LAYOUTS.values() for key, label in layout.rows.items()}


def layout_named(name: str) -> Layout:
    """The layout called `name`, or the default one for a name nothing knows (reported as E007)."""
    return LAYOUTS.get(name) or LAYOUTS[DEFAULT_LAYOUT]
