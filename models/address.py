"""A place in a form ("indicators[3].target"): parsed once, formatted as file key, Chinese label and widget id.

Before this type, eight regexes in the editor, the widgets and the model each split the same
strings their own way; a field added in one place was misread in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .form import FUND_COLUMN_LABELS, Form, Goals, Indicator, StoredFigures
from .layouts import ALL_ROW_LABELS, Layout

Part = str | int

TOP_FIELDS = {name: info.title or name for name, info in Form.model_fields.items()}
TABLE_FIELDS: dict[str, dict[str, str]] = {
    "funds": FUND_COLUMN_LABELS,
    "goals": {n: i.title or n for n, i in Goals.model_fields.items()},
    "indicators": {n: i.title or n for n, i in Indicator.model_fields.items()},
    "figures": {n: i.title or n for n, i in StoredFigures.model_fields.items()},
}


@dataclass(frozen=True)
class Address:
    """The path of a field or table: ('indicators', 3, 'target'), ('funds', 'other', 'budget'), ('year',)."""

    parts: tuple[Part, ...]

    @staticmethod
    def parse(key: str) -> Address:
        """'indicators[3].target' → Address(('indicators', 3, 'target')); '' is the whole form."""
        return _parse(key)

    @classmethod
    def of_indicator(cls, row: int, name: str | None = None) -> Address:
        return cls(("indicators", row) if name is None else ("indicators", row, name))

    # --- formats -----------------------------------------------------------------------------
    @property
    def key(self) -> str:
        """The file key: 'indicators[3].target'."""
        text = ""
        for part in self.parts:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text

    @property
    def dom_id(self) -> str:
        """The CSS id of the widget that edits it: 'f-funds-other-budget'."""
        return "f-" + "-".join(str(part) for part in self.parts)

    @property
    def label(self) -> str:
        """Chinese words for the place: '项目资金·当年财政拨款·全年执行数', '绩效指标·第 4 条·年度指标值'."""
        return self.label_in(None)

    def label_in(self, layout: Layout | None) -> str:
        """The label, with fund rows and columns named as `layout` prints them (四川：财政资金·调整后预算数)."""
        words: list[str] = []
        table = ""
        for part in self.parts:
            if isinstance(part, int):
                words.append(f"第 {part + 1} 条")
            elif not words:
                table = part
                words.append(TOP_FIELDS.get(part, part))
            elif table == "funds" and layout is not None and part in layout.rows:
                words.append(layout.rows[part])
            elif table == "funds" and layout is not None and part in FUND_COLUMN_LABELS:
                words.append(layout.column_label(part))
            elif table == "funds" and part in ALL_ROW_LABELS:
                words.append(ALL_ROW_LABELS[part])
            else:
                words.append(TABLE_FIELDS.get(table, {}).get(part, part))
        return "·".join(words)

    # --- questions ---------------------------------------------------------------------------
    @property
    def table(self) -> str:
        return str(self.parts[0]) if self.parts else ""

    @property
    def name(self) -> str:
        """The field's own name (the last named part): 'target', 'executed', 'year'."""
        return next((part for part in reversed(self.parts) if isinstance(part, str)), "")

    @property
    def indicator(self) -> int | None:
        """The indicator row it is in, if any."""
        if len(self.parts) >= 2 and self.parts[0] == "indicators" and isinstance(self.parts[1], int):
            return self.parts[1]
        return None

    @property
    def fund_row(self) -> str | None:
        if len(self.parts) == 3 and self.parts[0] == "funds" and isinstance(self.parts[1], str):
            return self.parts[1]
        return None

    def sibling(self, name: str) -> Address:
        """The field `name` of the same row or table."""
        return Address((*self.parts[:-1], name))

    def __str__(self) -> str:
        return self.key


@cache
def _parse(key: str) -> Address:
    parts: list[Part] = []
    for step in key.split(".") if key else ():
        name, _, rest = step.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, _, rest = rest.partition("]")
            # A key in a hand-written file may hold any character: what is not an index stays text.
            parts.append(int(index) if index.isascii() and index.isdigit() else f"[{index}]")
            rest = rest.removeprefix("[")
    return Address(tuple(parts))
