"""Reading 年度指标值 and 实际完成值 as users write them: `≥232.00(课时)`, `=12个`, `合格`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .rules import Outcome


class Comparator(StrEnum):
    EQUAL = "="
    AT_LEAST = "≥"
    ABOVE = ">"
    AT_MOST = "≤"
    BELOW = "<"

    @property
    def is_reverse(self) -> bool:
        return self in (Comparator.AT_MOST, Comparator.BELOW)


_COMPARATORS = {
    "=": Comparator.EQUAL, "==": Comparator.EQUAL, "＝": Comparator.EQUAL,
    "≥": Comparator.AT_LEAST, ">=": Comparator.AT_LEAST, "＞＝": Comparator.AT_LEAST,
    ">": Comparator.ABOVE, "＞": Comparator.ABOVE,
    "≤": Comparator.AT_MOST, "<=": Comparator.AT_MOST, "＜＝": Comparator.AT_MOST,
    "<": Comparator.BELOW, "＜": Comparator.BELOW,
}
_COMPARATOR = re.compile(r"\s*(==|>=|<=|＞＝|＜＝|[=≥≤><＝＞＜])\s*")
_QUANTITY = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*(.*)", re.DOTALL)
_UNIT_BRACKETS = re.compile(r"^[(（](.*)[)）]$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit; the number keeps the places it was written with."""

    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class QuantitativeTarget:
    comparator: Comparator
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class QualitativeTarget:
    text: str


class UnreadableTarget(ValueError):
    """A target that starts like a number or comparison but cannot be read."""


def parse_quantity(text: str) -> Quantity | None:
    match = _QUANTITY.fullmatch(text.strip())
    if not match:
        return None
    unit = match.group(2).strip()
    bracketed = _UNIT_BRACKETS.match(unit)
    return Quantity(Decimal(match.group(1)), (bracketed.group(1) if bracketed else unit).strip())


def parse_target(text: str) -> QuantitativeTarget | QualitativeTarget | None:
    """None for an empty target; raises UnreadableTarget with a Chinese reason."""
    stripped = text.strip()
    if not stripped:
        return None
    comparator = _COMPARATOR.match(stripped)
    if comparator:
        quantity = parse_quantity(stripped[comparator.end():])
        if quantity is None:
            raise UnreadableTarget(f"“{stripped}”的比较符号后应为数字和单位，如 ≥232.00(课时)")
        return QuantitativeTarget(_COMPARATORS[comparator.group(1)], quantity)
    if stripped[0].isdigit():
        raise UnreadableTarget(f"“{stripped}”缺少比较符号，应写作 ={stripped} 或 ≥{stripped}")
    return QualitativeTarget(stripped)


def parse_outcome(text: str) -> Outcome | None:
    """The qualitative outcome written in 实际完成值 (达成指标 / 部分达成… / 未达成…)."""
    stripped = text.strip()
    if stripped.startswith("未达成"):
        return Outcome.MISSED
    if stripped.startswith("部分达成"):
        return Outcome.PARTIAL
    if stripped.startswith("达成"):
        return Outcome.ACHIEVED
    return None
