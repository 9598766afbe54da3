"""Reading 年度指标值 and 实际完成值 as users write them: `≥232.00(课时)`, `=12个`, `≥1,000(人次)`, `合格`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
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
# A number is read whole: digits grouped by thousands with , or ， (1,000 / 1，000) or with a
# space (10 000 / 1 000.5), or plain digits; then an optional fraction.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u3000]\d{3})+(?!\d)|\d+)(?:\.\d+)?")
_SEPARATORS = re.compile(r"[,\s\u00a0\u3000]")
# What may not follow a number: more digits or a separator and digits (1,00 / 1.2.3 / 3 5).
_LEFTOVER = re.compile(r"^(?:[,.]\d|\s*\d)")
_UNIT_BRACKETS = re.compile(r"^[(（](.*)[)）]$", re.DOTALL)
# A letter that looks like a digit typed inside a number (95O(人次), 1O0): O/o for 0, I/l for 1,
# followed by more digits or by the bracketed unit. A unit of Latin letters (95km, 10kg) is not one.
_LOOKALIKE = re.compile(r"^[OoIl](?=[\d(（.,，])")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit; the number keeps the places it was written with (separators dropped)."""

    value: Decimal
    unit: str


@dataclass(frozen=True, slots=True)
class QuantitativeTarget:
    comparator: Comparator
    quantity: Quantity
    bare: bool = False  # written without a comparator (`43.2`): the comparator is the rule set's reading


@dataclass(frozen=True, slots=True)
class QualitativeTarget:
    text: str


class UnreadableTarget(ValueError):
    """A target or actual value that starts like a number or comparison but cannot be read whole."""


def _number_text(text: str) -> str:
    """Full-width digits and punctuation from a Chinese input method read as ASCII (１，０００ → 1,000)."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_quantity(text: str, shown: str | None = None) -> Quantity | None:
    """A number and its unit; None when `text` does not start with a number.

    Raises UnreadableTarget when the number cannot be read completely (`1,00(人)`, `3 5(个)`):
    a number is never split into a smaller number and a unit that starts with digits.
    """
    cleaned = _number_text(text)
    match = _NUMBER.match(cleaned)
    if not match:
        return None
    rest = cleaned[match.end():]
    if _LEFTOVER.match(rest):
        raise UnreadableTarget(
            f"“{(shown or text).strip()}”中的数字无法完整识别（千位分隔符后应为三位数字，如 1,000 或 10 000；也可不用分隔符，写作 1000）"
        )
    lookalike = _LOOKALIKE.match(rest)
    if lookalike:
        raise UnreadableTarget(
            f"“{(shown or text).strip()}”的数字中夹有字母“{lookalike.group()}”（应为数字 {'0' if lookalike.group() in 'Oo' else '1'}？），请改正"
        )
    unit = rest.strip()
    bracketed = _UNIT_BRACKETS.match(unit)
    number = Decimal(_SEPARATORS.sub("", match.group(0)))
    return Quantity(number, (bracketed.group(1) if bracketed else unit).strip())


def parse_target(text: str) -> QuantitativeTarget | QualitativeTarget | None:
    """None for an empty target; raises UnreadableTarget with a Chinese reason.

    A bare number (`43.2`, `100(%)`) is read as ≥ and marked `bare`: published forms print them,
    meaning the usual 正向 reading; the rule set decides whether that is accepted.
    """
    stripped = text.strip()
    if not stripped:
        return None
    comparator = _COMPARATOR.match(stripped)
    if comparator:
        quantity = parse_quantity(stripped[comparator.end():], shown=stripped)
        if quantity is None:
            raise UnreadableTarget(f"“{stripped}”的比较符号后应为数字和单位，如 ≥232.00(课时)")
        return QuantitativeTarget(_COMPARATORS[comparator.group(1)], quantity)
    quantity = parse_quantity(stripped)
    if quantity is not None:
        return QuantitativeTarget(Comparator.AT_LEAST, quantity, bare=True)
    if _number_text(stripped)[:1].isdigit():
        raise UnreadableTarget(f"“{stripped}”无法识别，应写作 ≥100(人次) 或 =12(个) 这样的比较符号、数字和单位")
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


_TRIM = "。.，,；;！!　 \t\n"


def states_target(actual: str, target: str, equivalents: Sequence[Sequence[str]]) -> bool:
    """True when the actual value restates the target: the same word (及时/及时), the target done
    (完成/已完成, 达标/已达标), or a word the rule set lists as equivalent (及时/按时)."""
    said, wanted = actual.strip(_TRIM), target.strip(_TRIM)
    if not said or not wanted:
        return False
    if said in (wanted, "已" + wanted, "已经" + wanted, "实现" + wanted, "已实现" + wanted):
        return True
    return any(said in group and wanted in group for group in equivalents)


def negates_target(actual: str, target: str, equivalents: Sequence[Sequence[str]], negations: Sequence[str]) -> bool:
    """True when the actual value is a negation word and then the target restated (未及时 against
    及时, 不合格 against 合格, 没有达标 against 达标): the target was not met."""
    said = actual.strip(_TRIM)
    return any(
        said.startswith(word) and states_target(said[len(word):], target, equivalents)
        for word in negations if len(said) > len(word)
    )
