"""Editing a form with undo and redo. Pure Python: the editor calls this, never mutates the form itself."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from .address import Address
from .form import Form, Indicator, ScoreSource
from .layouts import FUND_COLUMNS
from .money import FILE_MAX_PLACES, AmountError, parse_amount
from .record import Record

_ids = count(1)


def _resolve(form: Form, where: str) -> tuple[Any, str]:
    """The object holding the field at `where`, and the field's name."""
    *parents, last = Address.parse(where).parts
    target: Any = form
    for step in parents:
        if isinstance(step, int):
            target = target[step]
        elif isinstance(target, Record) and (step in type(target).model_fields or step in (target.model_extra or {})):
            target = getattr(target, step)  # fund rows are the layout's, so extra fields of Funds
        else:
            raise KeyError(where)
    if not isinstance(target, Record) or not isinstance(last, str) or last not in type(target).model_fields:
        raise KeyError(where)
    return target, last


def get_value(form: Form, where: str) -> Any:
    holder, name = _resolve(form, where)
    return getattr(holder, name)


def parse_input(where: str, text: str) -> Any:
    """What the text typed into the field at `where` means; AmountError with a code if nothing.

    An emptied fund cell is blank (None, nothing printed), not 0.00: published forms differ.
    """
    address = Address.parse(where)
    name = address.name
    if address.fund_row is not None and name in FUND_COLUMNS:
        return parse_amount(text, FILE_MAX_PLACES) if text.strip() else None
    if name == "weight":
        if not text.strip():  # Delete clears the cell: blank, to be filled in (not a silent 0.00)
            raise AmountError("E111", "分值不能空白，请填写该指标的分值（如 20）")
        return parse_amount(text)
    if name == "score":
        return parse_amount(text) if text.strip() else None
    if name == "year":
        digits = unicodedata.normalize("NFKC", text).strip()
        if not digits:
            return None
        if not (digits.isascii() and digits.isdigit() and len(digits) == 4):
            raise AmountError("E111", f"“{digits}”不是年度，请输入四位数字，如 2024")
        return int(digits)
    return text


@dataclass
class _Set:
    """Fields set together as one step: (where, old value, new value) each."""

    items: list[tuple[str, Any, Any]]
    id: int = field(default_factory=lambda: next(_ids))
    sealed: bool = False

    @property
    def where(self) -> str:
        return self.items[0][0]


@dataclass
class _Rows:
    """A structural change of the indicator list: the list before and after."""

    old: list[Indicator]
    new: list[Indicator]
    focus: int  # the row to show after the change
    id: int = field(default_factory=lambda: next(_ids))
    sealed: bool = True


Change = _Set | _Rows


class FormEditor:
    """Holds the form being edited, its undo and redo history, and whether it is saved.

    Typing into one field is one undo step: consecutive sets of the same field merge until
    `seal()` (called when focus leaves the field).
    """

    def __init__(self, form: Form) -> None:
        self.form = form
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._saved_id = 0

    # --- state -----------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return (self._undo[-1].id if self._undo else 0) != self._saved_id

    def mark_saved(self) -> None:
        """The file now holds this form, with the figures the rules compute: stale ones are gone too."""
        self.seal()
        self._saved_id = self._undo[-1].id if self._undo else 0
        self._forget_stored_figures()

    def mark_unsaved(self) -> None:
        """The form differs from the file although nothing was edited here (restored edits)."""
        self._saved_id = -1

    def seal(self) -> None:
        if self._undo:
            self._undo[-1].sealed = True

    # --- edits -----------------------------------------------------------------------------
    def set(self, where: str, value: Any) -> bool:
        """Set one field; False when it already had that value."""
        return self.set_fields({where: value})

    def set_score(self, index: int, score: Any) -> bool:
        """The evaluator's 得分 for an indicator; None returns it to the rule's suggestion."""
        source = ScoreSource.SUGGESTED if score is None else ScoreSource.EVALUATOR
        return self.set_fields({f"indicators[{index}].score": score, f"indicators[{index}].score_source": source})

    def set_fields(self, values: dict[str, Any], *, join: bool = False) -> bool:
        """Set fields as one undo step; `join` adds them to the previous unsaved step instead.

        Joining is for a consequence of the previous edit (the amounts converted after 金额单位
        changed): one Ctrl+Z then undoes both, as the user did one thing.
        """
        items = []
        for where, value in values.items():
            holder, name = _resolve(self.form, where)
            old = getattr(holder, name)
            if old != value or type(old) is not type(value):
                items.append((where, old, value))
                setattr(holder, name, value)
        if not items:
            return False
        top = self._undo[-1] if self._undo else None
        if join and isinstance(top, _Set) and top.id != self._saved_id:
            olds = {w: old for w, old, _ in top.items}
            news = {w: new for w, _, new in top.items} | {w: new for w, _, new in items}
            olds |= {w: old for w, old, _ in items if w not in olds}
            top.items, top.sealed = [(w, olds[w], news[w]) for w in news], True
        elif (
            isinstance(top, _Set) and not top.sealed and top.id != self._saved_id
            and [w for w, _, _ in top.items] == [w for w, _, _ in items]
        ):
            top.items = [(w, old, new) for (w, old, _), (_, _, new) in zip(top.items, items, strict=True)]
        else:
            self._push(_Set(items))
        self._edited()
        return True

    def insert_indicator(self, index: int, indicator: Indicator | None = None) -> int:
        rows = list(self.form.indicators)
        index = max(0, min(index, len(rows)))
        rows.insert(index, indicator or Indicator())
        self._replace_rows(rows, index)
        return index

    def delete_indicator(self, index: int) -> int:
        rows = list(self.form.indicators)
        del rows[index]
        focus = min(index, len(rows) - 1)
        self._replace_rows(rows, max(focus, 0))
        return focus

    def move_indicator(self, index: int, delta: int) -> int:
        rows = list(self.form.indicators)
        target = index + delta
        if not (0 <= index < len(rows) and 0 <= target < len(rows)):
            return index
        rows[index], rows[target] = rows[target], rows[index]
        self._replace_rows(rows, target)
        return target

    # --- history ---------------------------------------------------------------------------
    def undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo.pop()
        self._apply(change, forward=False)
        self._redo.append(change)
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo.pop()
        self._apply(change, forward=True)
        change.sealed = True
        self._undo.append(change)
        return change

    def _replace_rows(self, rows: list[Indicator], focus: int) -> None:
        self.seal()
        self._push(_Rows(list(self.form.indicators), rows, focus))
        self.form.indicators = list(rows)
        self._edited()

    def _push(self, change: Change) -> None:
        self._undo.append(change)
        self._redo.clear()

    def _apply(self, change: Change, forward: bool) -> None:
        if isinstance(change, _Set):
            for where, old, new in change.items:
                holder, name = _resolve(self.form, where)
                setattr(holder, name, new if forward else old)
        else:
            self.form.indicators = list(change.new if forward else change.old)
        self._edited()

    def _edited(self) -> None:
        self._forget_stored_figures()

    def _forget_stored_figures(self) -> None:
        # Figures stored in the file, and followed suggestions as written there, describe the file
        # as it was read; after an edit they are recomputed on save, never reported as stale.
        self.form.figures = None
        for indicator in self.form.indicators:
            if indicator.score_source is ScoreSource.SUGGESTED and indicator.score is not None:
                indicator.score = None  # set only when not None already: 200 model setattrs cost 0.3 ms a key
