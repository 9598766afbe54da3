"""Values kept beside the form, field by field, that follow an indicator wherever its row goes.

The edit session keeps text the form could not take (typed, or read from the file) and why it was
refused, by field. Keyed by row number, the text of row 1's 分值 stayed at row 1 when that
indicator moved down or a row was inserted above it, and showed in another indicator's field.
Here a field of an indicator is anchored to the Indicator object itself, which the FormEditor
keeps through moves, inserts, deletions and their undo: the value follows its indicator, is
hidden while the indicator is deleted, and is back when the deletion is undone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

from .address import Address
from .form import Form, Indicator

T = TypeVar("T")

_Anchor = tuple[int, str]  # (id of the indicator or 0, the field's name in it or the whole key)


class FieldValues(Generic[T]):
    """A mapping from field keys (as the form has its rows now) to values."""

    def __init__(self, form: Form | None, values: Mapping[str, T] | None = None) -> None:
        self._form = form
        self._values: dict[_Anchor, tuple[Indicator | None, T]] = {}
        for key, value in (values or {}).items():
            self[key] = value

    def _anchor(self, key: str) -> tuple[_Anchor, Indicator | None]:
        address = Address.parse(key)
        row = address.indicator
        if self._form is None or row is None or len(address.parts) != 3 or not 0 <= row < len(self._form.indicators):
            return (0, key), None
        indicator = self._form.indicators[row]
        return (id(indicator), str(address.name)), indicator

    def __setitem__(self, key: str, value: T) -> None:
        anchor, indicator = self._anchor(key)
        self._values[anchor] = (indicator, value)  # the indicator is held: its id is never reused meanwhile

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._anchor(key)[0] in self._values

    def __getitem__(self, key: str) -> T:
        return self._values[self._anchor(key)[0]][1]

    def get(self, key: str, default: T | None = None) -> T | None:
        found = self._values.get(self._anchor(key)[0])
        return default if found is None else found[1]

    def pop(self, key: str, default: T | None = None) -> T | None:
        found = self._values.pop(self._anchor(key)[0], None)
        return default if found is None else found[1]

    def clear(self) -> None:
        self._values.clear()

    def items(self) -> Iterator[tuple[str, T]]:
        """(key as the rows are now, value), skipping indicators not in the form (deleted)."""
        anchored = self._form is not None and any(indicator is not None for indicator, _ in self._values.values())
        rows = {id(indicator): index for index, indicator in enumerate(self._form.indicators)} \
            if anchored and self._form is not None else {}  # only when needed: this runs on every keystroke
        for (anchor, name), (indicator, value) in self._values.items():
            if indicator is None:
                yield name, value
            elif anchor in rows:
                yield Address.of_indicator(rows[anchor], name).key, value

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items())

    def current(self) -> dict[str, T]:
        return dict(self.items())

    def __bool__(self) -> bool:
        return any(True for _ in self.items())
