"""Open a file whose only mistakes are text in amount fields, keeping that text to be fixed in place.

The editor refuses "12,5万" typed into 全年执行数 and keeps it, marked, until it is corrected;
the same mistake written in the file used to make the whole form unopenable. Here each such
value is taken out (the field reads as empty) and handed back as the text the clerk wrote.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from .address import Address
from .form import FUND_COLUMN_LABELS, Form
from .problems import Problem

AMOUNT_FIELDS = frozenset({*FUND_COLUMN_LABELS, "weight", "score"})
_ROUNDS = 3  # pydantic reports every bad field at once; a second round only confirms


def _is_amount(loc: tuple[str | int, ...]) -> bool:
    address = Address(tuple(loc))
    return address.name in AMOUNT_FIELDS and (address.fund_row is not None or address.indicator is not None) \
        and len(loc) == 3


def only_amount_problems(problems: Sequence[Problem]) -> bool:
    """Whether every problem met reading a file is a value refused in an amount field (worth salvaging).

    Anything else (a cap, a syntax error, a missing table) keeps the file unopened, as before.
    """
    return bool(problems) and all(p.code == "E004" and _is_amount(Address.parse(p.where).parts) for p in problems)


def _as_typed(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def salvage_amounts(text: str) -> tuple[Form, dict[str, str]] | None:
    """The form with bad amounts left empty, and the text of each (by file key); None if more is wrong."""
    try:
        data: Any = tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    refused: dict[str, str] = {}
    for _ in range(_ROUNDS):
        try:
            return Form.model_validate(data), refused
        except ValidationError as error:
            errors = error.errors(include_url=False)
        except RecursionError:
            return None
        locs = [tuple(e["loc"]) for e in errors]
        if not all(_is_amount(loc) for loc in locs):
            return None
        for loc in locs:
            holder = data
            for step in loc[:-1]:
                holder = holder[step]
            refused[Address(loc).key] = _as_typed(holder.pop(loc[-1]))
    return None
