"""Exact decimal arithmetic for money, weights and scores (never binary floats)."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from .plain_record import Converted, InvalidValue

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

# The units a form may keep its amounts in, and the decimals that make an amount exact to the 分:
# published 万元 forms keep amounts to the 元 and below (89.974 万元).
MONEY_UNITS = {"元": 2, "千元": 5, "万元": 6}

_CENT = Decimal("0.01")
_PLACES = {0: Decimal("1"), 2: _CENT}
# What the file format accepts for a number, one definition for loading, typing, unit conversion and
# saving (a file jixiao writes always loads). The bounds keep every sum, 执行率 and score exact within
# Decimal's 28 digits (quantize raises beyond them); 10^15 is far above any budget, even in 元. More
# decimals than the form's unit keeps (E104) still load, so that the check can say so with its line.
FILE_MAX_INTEGER_DIGITS = 15
FILE_MAX_PLACES = 12
_NUMBER_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
# An amount copied from a PDF with thousands separators: 215,457.60, 215，457.60 or 1 000.00.
GROUPED_AMOUNT = re.compile(r"[+-]?\d{1,3}(?:(?:[,，]\d{3})+|(?:[ \u00a0\u3000]\d{3})+)(?:\.\d+)?")
_GROUP_SEPARATORS = re.compile(r"[,， \u00a0\u3000]")


def beyond_file_limits(value: Decimal) -> str | None:
    """Why `value` cannot be written to a form file (too many integer digits or decimals), else None."""
    if value.adjusted() >= FILE_MAX_INTEGER_DIGITS:
        return f"数字过大，最多 {FILE_MAX_INTEGER_DIGITS} 位整数"
    if decimal_places(value) > FILE_MAX_PLACES:
        return f"小数过多，最多 {FILE_MAX_PLACES} 位小数"
    return None


def without_separators(text: str) -> str:
    """215,457.60 / 215 457.60 → 215457.60 (for text that GROUPED_AMOUNT matched)."""
    return _GROUP_SEPARATORS.sub("", text)


def separators_message(text: str) -> str:
    """How to write an amount that was copied with thousands separators."""
    plain = without_separators(text)
    grouped = plain.split(".")[0]
    underscored = f"{int(grouped):_}" + (plain[len(grouped):] if "." in plain else "")
    return f"金额“{text}”带有千位分隔符，请写作 {plain} 或 {underscored}（不加引号，不用逗号或空格）"


def quantum(places: int) -> Decimal:
    return _PLACES.get(places) or Decimal(1).scaleb(-places)


def truncate(value: Decimal, places: int = 2) -> Decimal:
    """Cut toward zero: 98.8363… becomes 98.83, as the reference prints 执行率."""
    return value.quantize(quantum(places), rounding=ROUND_DOWN)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Commercial rounding (四舍五入), not Python's banker's rounding."""
    return value.quantize(quantum(places), rounding=ROUND_HALF_UP)


def decimal_places(value: Decimal) -> int:
    if value.same_quantum(_CENT):
        return 2  # the usual amount, without as_tuple (a tuple of digits and a named tuple: 6× slower)
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def normalise(value: Decimal) -> Decimal:
    """Show at least two places (17.5 → 17.50) but never hide a third one: that is a problem to report."""
    if value.same_quantum(_CENT):
        return value  # two places, the usual case (same_quantum: exactly the exponent -2, finite)
    exponent = value.as_tuple().exponent
    if exponent == -2 or (isinstance(exponent, int) and exponent < -2):
        return value  # already two places (the usual case), or more: kept to be reported
    return value.quantize(_CENT)


NO_FIGURE = "—"  # how fmt prints a figure that does not exist


def fmt(value: Decimal | None) -> str:
    """A number as the model holds it; an em dash for a figure that does not exist.

    The model quantizes every figure once, by the form's rule set (执行率 to `rate_places`, scores
    to `score_places`) and amounts to at least two places as written, so the editor, `validate`
    (text and JSON) and the file all print the same digits: 86 and 9 under an integer rule set,
    84.10 and 8.41 under the default one.
    """
    return NO_FIGURE if value is None else f"{value:f}"


def at_places(value: Decimal, places: int) -> Decimal:
    """`value` shown with `places` decimals when that loses nothing (9.00 → 9), else as it is."""
    shown = value.quantize(quantum(places))
    return shown if shown == value else value


class AmountError(ValueError):
    """Typed text that is not an acceptable amount; `code` is the problem code to show."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_amount(text: str, places: int = 2) -> Decimal:
    """Parse what a user typed into a money, 分值 or 得分 field (at most `places` decimals, not negative).

    Full-width digits from a Chinese input method (３０．２０) count as digits; empty means 0.00.
    Money takes what a file holds (`places=FILE_MAX_PLACES`, the loader's own limit); the checks
    judge it by the form's unit (E104), so a change of unit never makes a typed amount vanish.
    """
    written = unicodedata.normalize("NFKC", text).strip().replace("。", ".")
    if ("," in written or "，" in written) and not GROUPED_AMOUNT.fullmatch(written):
        # not thousands (1,000.50): `25,4` is half of `25,4万` or a decimal comma, never 254
        raise AmountError("E111", f"“{text.strip()}”中的逗号不是千位分隔符，小数点请用“.”，如 25.40")
    cleaned = written.replace(",", "").replace("，", "")
    if not cleaned:
        return ZERO
    if not _NUMBER_TEXT.fullmatch(cleaned):
        raise AmountError("E111", f"“{text.strip()}”不是数字，请输入数字，如 17.50")
    value = Decimal(cleaned)
    if value < 0:
        raise AmountError("E103", "不能为负数")
    if decimal_places(value) > places:
        raise AmountError("E104", "最多两位小数" if places == 2 else f"最多 {places} 位小数")
    beyond = beyond_file_limits(value)  # what a file could not hold (quantize raises beyond it)
    if beyond:
        raise AmountError("E111", beyond)
    return normalise(value)


def validate_amount(value: Any) -> Decimal:
    """An amount as a form holds it; InvalidValue (pydantic's error type and message) for anything else."""
    if type(value) is Decimal and value.same_quantum(_CENT) and value.adjusted() < FILE_MAX_INTEGER_DIGITS:
        return value  # fast path: how every saved amount is written (finite, two places)
    if isinstance(value, str) and GROUPED_AMOUNT.fullmatch(value.strip()):
        raise InvalidValue("number_expected", separators_message(value.strip()))
    if isinstance(value, str) and not value.strip():
        raise InvalidValue("number_expected", "空白，应填写数字（如 17.50）")
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise InvalidValue("number_expected", "应为数字（如 17.50），不能是文字")
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        raise InvalidValue("number_expected", "应为数字（如 17.50）") from None
    if not number.is_finite():
        raise InvalidValue("number_not_finite", "应为有限的数字，不能是 nan 或 inf")
    beyond = beyond_file_limits(number)
    if beyond:
        raise InvalidValue("number_out_of_range", beyond)
    return normalise(number)


# Money, weights (分值) and scores (得分). Negative values and a third decimal load, so that
# `validate` can report them with their line; the checks flag them as errors.
# In a pydantic validation (models/pydantic_models.py) this is PlainValidator(validate_amount) with
# the JSON schema {"type": "number"}.
Amount = Annotated[Decimal, Converted(validate_amount, {"type": "number"})]
