"""What an indicator is made of, as a value to compare: the key under which its derived results are kept.

The editor changes indicators in place, so what was derived from one (its figures, problems, table
row, TOML block) is kept with this key and reused while the key is equal.
"""

from __future__ import annotations

from decimal import Decimal

from .form import Indicator

Content = tuple[object, ...]


def exact(value: Decimal | None) -> str | None:
    """A number as a key: 20 and 20.00 are equal Decimals but print (and are checked) differently."""
    return None if value is None else str(value)


def indicator_content(indicator: Indicator) -> Content:
    """Every field of an indicator, numbers by their digits."""
    return (
        indicator.level1, indicator.level2, indicator.name, indicator.target, indicator.actual,
        exact(indicator.weight), exact(indicator.score), indicator.score_source, indicator.deviation_reason,
    )
