"""A Form from TOML data without pydantic's validator, for data of exactly the shapes jixiao writes.

Why: building the validator of the form models (pydantic's schema generation) costs more than
`jixiao validate` spends on a file, and the editor's start-up pays it too. A file as jixiao (or
a careful hand) writes it has only known keys, text where text belongs and numbers where amounts
belong: for such data this module gives the very Form that `Form.model_validate` would give (the
same values, the same fields set; tests/test_plain_form.py compares the two on every kind of
mutation). At the first value of another type, an unknown key or a fund row the layout does not
have, it gives None and the caller validates with pydantic, whose errors are the reports: no check
is skipped, and every message stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .form import Form, FundRow, Funds, Goals, Indicator, ScoreSource, StoredFigures, is_int
from .layouts import DEFAULT_LAYOUT, FUND_COLUMNS, layout_named
from .money import validate_amount
from .plain_record import InvalidValue, PlainRecord, new_record


class _Refused(Exception):
    """Data this module does not build: pydantic validates it instead."""


def plain_form(data: dict[str, Any]) -> Form | None:
    """The Form that `Form.model_validate(data)` gives, or None when pydantic must look at `data`."""
    try:
        return _form(data)
    except (_Refused, InvalidValue):
        return None


_TEXT = ("project", "department", "implementer", "money_unit", "rule_set", "layout")
_FORM_KEYS = frozenset(Form.model_fields)
_COLUMN_KEYS = frozenset(FUND_COLUMNS)
_GOALS_KEYS = frozenset(Goals.model_fields)
_INDICATOR_KEYS = frozenset(Indicator.model_fields)
_INDICATOR_TEXT = frozenset(("level1", "level2", "name", "target", "actual", "deviation_reason"))
_FIGURE_KEYS = frozenset(StoredFigures.model_fields)
_SOURCES = {source.value: source for source in ScoreSource}


_M = TypeVar("_M", bound=PlainRecord)


class _Construct(Generic[_M]):
    """`model.model_construct` for this module's own models, without its per-field alias lookups (a
    third of the cost of reading a form): the fields in order, a default for each one not given
    (a model default constructed in turn, never validated), and the fields counted as set."""

    def __init__(self, model: type[_M]) -> None:
        self._model = model
        fields = model.model_fields
        required = [name for name, info in fields.items() if info.is_required()]
        if required:  # a field without a default needs pydantic's "missing" error: not for this module
            raise TypeError(f"{model.__name__} has required fields {required}: read it with model_validate")
        # Field order, with the plain defaults (shared: Decimal, str, None and enums are immutable).
        self._defaults = {name: info.default for name, info in fields.items()}
        self._factories: list[tuple[str, Callable[[], Any]]] = [
            (name, _default_of(info.default_factory)) for name, info in fields.items() if info.default_factory is not None
        ]

    def __call__(self, given: dict[str, Any], fields_set: set[str], extra: dict[str, Any] | None = None) -> _M:
        values = self._defaults.copy()
        for name, make in self._factories:
            if name not in given:
                values[name] = make()
        values.update(given)  # every key is a field already: the order stays the fields' order
        return new_record(self._model, values, fields_set, extra)


def _default_of(factory: Any) -> Callable[[], Any]:
    """A default factory; a model as default is constructed the same way, never validated."""
    if isinstance(factory, type) and issubclass(factory, PlainRecord):
        construct = _Construct(factory)
        return lambda: construct({}, set())  # a set of its own: assignment adds to it
    return factory  # type: ignore[no-any-return]


_NEW_FORM, _NEW_FUND_ROW, _NEW_FUNDS = _Construct(Form), _Construct(FundRow), _Construct(Funds)
_NEW_GOALS, _NEW_INDICATOR, _NEW_FIGURES = _Construct(Goals), _Construct(Indicator), _Construct(StoredFigures)


def _form(data: dict[str, Any]) -> Form:
    if not data.keys() <= _FORM_KEYS:
        raise _Refused
    values: dict[str, Any] = {}
    version = data.get("format_version", 1)
    if not is_int(version) or version < 1:
        raise _Refused
    if "format_version" in data:
        values["format_version"] = version
    if "year" in data:
        values["year"] = _strict_int(data["year"])
    for key in _TEXT:
        if key in data:
            values[key] = _text(data[key])
    layout = values.get("layout", DEFAULT_LAYOUT)
    values["funds"] = _funds(data.get("funds", {}), layout, blank_cells=version >= 2)
    if "goals" in data:
        goals = _table(data["goals"], _GOALS_KEYS)
        values["goals"] = _NEW_GOALS({key: _text(value) for key, value in goals.items()}, set(goals))
    if "indicators" in data:
        values["indicators"] = [_indicator(table) for table in _list(data["indicators"])]
    if "figures" in data:
        values["figures"] = _figures(data["figures"])
    return _NEW_FORM(values, set(data))


def _funds(funds: object, layout_name: str, blank_cells: bool) -> Funds:
    """The layout's rows in its order, as Form's `_rows_of_layout` makes them (a row left out is 0.00;
    from version 2 a cell left out is blank)."""
    rows = _table(funds)
    layout = layout_named(layout_name)
    if not rows.keys() <= layout.rows.keys():
        raise _Refused  # pydantic reports the row the layout does not have
    built = {}
    for key in layout.rows:
        if key not in rows:
            built[key] = _NEW_FUND_ROW({}, set())
            continue
        cells = _table(rows[key], _COLUMN_KEYS)
        if blank_cells:
            cells = {column: None for column in FUND_COLUMNS} | cells
        built[key] = _NEW_FUND_ROW({k: _amount_or_none(v) for k, v in cells.items()}, set(cells))
    return _NEW_FUNDS({}, set(built), extra=built)  # the rows are extra fields, counted as set


def _indicator(table: object) -> Indicator:
    values = _table(table, _INDICATOR_KEYS)
    built: dict[str, Any] = {}
    for key, value in values.items():
        if key in _INDICATOR_TEXT:
            built[key] = _text(value)
        elif key == "score_source":
            source = _SOURCES.get(value) if type(value) is str else None
            if source is None:
                raise _Refused
            built[key] = source
        elif key == "weight":
            built[key] = validate_amount(value)
        else:  # score
            built[key] = _amount_or_none(value)
    return _NEW_INDICATOR(built, set(values))


def _figures(table: object) -> StoredFigures:
    values = _table(table, _FIGURE_KEYS)
    built: dict[str, Any] = {key: _text(value) if key == "grade" else _amount_or_none(value) for key, value in values.items()}
    return _NEW_FIGURES(built, set(values))


def _table(value: object, keys: frozenset[str] | None = None) -> dict[str, Any]:
    if type(value) is not dict or (keys is not None and not value.keys() <= keys):
        raise _Refused
    return value


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise _Refused
    return value


def _text(value: object) -> str:
    if type(value) is not str:
        raise _Refused
    return value


def _strict_int(value: object) -> int:
    if not is_int(value):
        raise _Refused
    return value  # type: ignore[return-value]


def _amount_or_none(value: object) -> Any:
    return None if value is None else validate_amount(value)
