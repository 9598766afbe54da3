"""Changing a form's 金额单位: the amounts converted exactly (元 ↔ 千元 ↔ 万元), or kept as they are."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .form import Form
from .layouts import FUND_COLUMNS, layout_named
from .money import MONEY_UNITS, beyond_file_limits, decimal_places, fmt, normalise

# How many 元 one of each unit is.
_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}
assert set(_YUAN) == set(MONEY_UNITS)


class ConversionRefused(ValueError):
    """A conversion whose result the form could not keep: the amounts are left as they are.

    The message (Chinese) names the amount and says why; nothing has been changed.
    """


def convert(value: Decimal, source: str, target: str, what: str = "金额") -> Decimal:
    """`value` in `source` units, in `target` units: exact (×10,000 or ÷10,000), no digits invented.

    17.50 万元 → 175000.00 元; 175000.00 元 → 17.50 万元; 89.974 万元 → 899740.00 元. Raises
    ConversionRefused when the result is not exact to the 分 in `target` units (950000.005 元 is
    95.0000005 万元) or has more integer digits than a form file holds: converting must never
    produce an amount that the checks or the loader refuse.
    """
    converted = (value * _YUAN[source] / _YUAN[target]).normalize()
    exponent = converted.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        converted = converted.quantize(Decimal(1))  # 8.9974E+5 → 899740
    places = MONEY_UNITS[target]
    result = f"{what} {fmt(value)} {source}换算后为 {fmt(converted)} {target}"
    if decimal_places(converted) > places:
        raise ConversionRefused(f"{result}，{target}金额最多 {places} 位小数（精确到分），无法换算；请先改正该金额")
    beyond = beyond_file_limits(converted)
    if beyond:
        raise ConversionRefused(f"{result}，{beyond}，无法换算")
    return normalise(converted)


def conversion_factor_text(source: str, target: str) -> str:
    """×10000, ÷10000, ×10 … as a clerk would say it."""
    ratio = _YUAN[source] / _YUAN[target]
    return f"×{ratio:f}" if ratio >= 1 else f"÷{(1 / ratio):f}"


def unit_change(form: Form, target: str, convert_amounts: bool, source: str | None = None) -> dict[str, Any]:
    """The fields to set, as one edit, to put `form` in `target` units (amounts converted or kept).

    `source` is the unit the amounts are in (the form's own unless the unit was already changed).
    Blank cells stay blank. Raises KeyError for a unit that is not 元, 千元 or 万元, and
    ConversionRefused (nothing changed) when an amount would not be exact to the 分 in `target`.
    """
    source = source or form.money_unit
    values: dict[str, Any] = {"money_unit": target}
    if not convert_amounts or source == target:
        return values
    if source not in _YUAN or target not in _YUAN:
        raise KeyError(source if source not in _YUAN else target)
    layout = layout_named(form.layout)
    for key, row in form.funds.rows():
        for column in FUND_COLUMNS:
            amount: Decimal | None = getattr(row, column)
            if amount is not None:
                what = f"{layout.rows.get(key, key)}的{layout.column_label(column)}"
                values[f"funds.{key}.{column}"] = convert(amount, source, target, what)
    return values
