"""What differs between two versions of a form, field by field, in the words of the form.

The recovery question shows it before the user chooses to restore or discard an autosaved copy:
"项目资金·当年财政拨款·全年执行数：30.20 → 35.00" tells more than a time stamp.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .address import Address
from .editing import get_value
from .form import Form, Indicator
from .layouts import FUND_COLUMNS, layout_named

_TOP = ("year", "project", "department", "implementer", "money_unit", "rule_set", "layout")
_INDICATOR = tuple(name for name in Indicator.model_fields if name != "score_source")  # shown through 得分


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}：{self.before} → {self.after}"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    text = " ".join(str(value).split())  # a multi-line goal on one line
    return text if len(text) <= 24 else text[:23] + "…"


def _value(form: Form, key: str) -> Any:
    try:
        return get_value(form, key)
    except (KeyError, IndexError):
        return None


def _keys(before: Form, after: Form) -> list[Address]:
    rows = dict.fromkeys([*layout_named(after.layout).rows, *layout_named(before.layout).rows])
    keys = [Address((name,)) for name in _TOP]
    keys += [Address(("funds", row, column)) for row in rows for column in FUND_COLUMNS]
    keys += [Address(("goals", name)) for name in ("expected", "actual")]
    for row in range(min(len(before.indicators), len(after.indicators))):
        keys += [Address(("indicators", row, name)) for name in _INDICATOR]
    return keys


def form_changes(
    before: Form, after: Form, before_text: Mapping[str, str] | None = None, after_text: Mapping[str, str] | None = None,
) -> list[FieldChange]:
    """Each field whose value differs, then indicators added or removed at the end, in form order.

    `before_text` and `after_text` are what fields show instead of the form's value: text in an
    amount field that the form could not take (the form holds a placeholder there).
    """
    layout = layout_named(after.layout)
    changes = [
        FieldChange(address.label_in(layout), _shown(old), _shown(new))
        for address in _keys(before, after)
        if (old := (before_text or {}).get(address.key, _value(before, address.key)))
        != (new := (after_text or {}).get(address.key, _value(after, address.key)))
    ]
    for row in range(len(after.indicators), len(before.indicators)):
        changes.append(FieldChange(f"绩效指标·第 {row + 1} 条", _shown(before.indicators[row].name), "（删除）"))
    for row in range(len(before.indicators), len(after.indicators)):
        changes.append(FieldChange(f"绩效指标·第 {row + 1} 条", "（新增）", _shown(after.indicators[row].name)))
    return changes
