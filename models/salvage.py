"""Open a file whose only mistakes are text in amount fields, keeping that text to be fixed in place.

The editor refuses "12,5万" typed into 全年执行数 and keeps it, marked, until it is corrected;
the same mistake written in the file used to make the whole form unopenable. Here each such
value is taken out (the field reads as empty) and handed back as the text the clerk wrote.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import tomli_w

from .address import Address
from .form import FUND_COLUMN_LABELS, Form
from .problems import Problem
from .toml_io import LoadResult

AMOUNT_FIELDS = frozenset({*FUND_COLUMN_LABELS, "weight", "score"})
_ROUNDS = 3  # pydantic reports every bad field at once; a second round only confirms


def _is_amount(loc: tuple[str | int, ...], with_year: bool = False) -> bool:
    """An amount field; `with_year`: 年度 too (the other field that keeps refused text while typing)."""
    if with_year and tuple(loc) == ("year",):
        return True
    address = Address(tuple(loc))
    return address.name in AMOUNT_FIELDS and (address.fund_row is not None or address.indicator is not None) \
        and len(loc) == 3


def only_amount_problems(problems: Sequence[Problem], with_year: bool = False) -> bool:
    """Whether every problem met reading a file is a value refused in an amount field (worth salvaging).

    Anything else (a cap, a syntax error, a missing table) keeps the file unopened, as before.
    """
    return bool(problems) and all(
        p.code == "E004" and _is_amount(Address.parse(p.where).parts, with_year) for p in problems)


def _as_typed(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def salvage_amounts(text: str, with_year: bool = False) -> tuple[Form, dict[str, str]] | None:
    """The form with bad amounts left empty, and the text of each (by file key); None if more is wrong."""
    try:
        data: Any = tomllib.loads(text, parse_float=Decimal)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    from pydantic import ValidationError  # noqa: PLC0415 (a file with wrong values: pydantic reports them)

    refused: dict[str, str] = {}
    for _ in range(_ROUNDS):
        try:
            return Form.model_validate(data), refused
        except ValidationError as error:
            errors = error.errors(include_url=False)
        except RecursionError:
            return None
        locs = [tuple(e["loc"]) for e in errors]
        if not all(_is_amount(loc, with_year) for loc in locs):
            return None
        for loc in locs:
            holder = data
            for step in loc[:-1]:
                holder = holder[step]
            refused[Address(loc).key] = _as_typed(holder.pop(loc[-1]))
    return None


def salvage_result(
    result: LoadResult, with_year: bool = False,
) -> tuple[Form | None, dict[str, str], list[Problem], list[Problem]]:
    """What a reading gives the editor: (form, text of each refused amount by key, why each was
    refused, the other problems). The form is salvaged when bad amounts are its only mistakes.

    `with_year` for a recovery copy, which keeps text typed into 年度 as well (put_back_amounts).
    """
    worth = result.form is None and result.text and only_amount_problems(result.problems, with_year)
    salvaged = salvage_amounts(result.text, with_year) if worth else None
    if salvaged is None:
        return result.form, {}, [], list(result.problems)
    form, refused = salvaged
    return (form, refused, [p for p in result.problems if p.where in refused],
            [p for p in result.problems if p.where not in refused])


def put_back_amounts(text: str, refused: Mapping[str, str]) -> str:
    """The form's text with each refused text written in its field, as the user saw it there.

    The reverse of `salvage_amounts`, for the recovery copy: the placeholder the form holds under
    such text must not come back from a crash as if it were the user's value.
    """
    if not refused:
        return text
    data: Any = tomllib.loads(text, parse_float=Decimal)
    for key, shown in refused.items():
        *parents, last = Address.parse(key).parts
        holder = data
        for step in parents:
            holder = holder[step] if isinstance(step, int) else holder.setdefault(step, {})
        holder[last] = shown
    return tomli_w.dumps(data, multiline_strings=True)
