"""Input widgets bound to a place in the form (`where`), so one handler serves every field."""

from __future__ import annotations

import re

from textual.geometry import Size
from textual.reactive import Reactive
from textual.suggester import SuggestFromList
from textual.widgets import Input, TextArea

from models import Form, ScoreSource
from models.editing import get_value


def dom_id(where: str) -> str:
    """A CSS id for the widget that edits `where` ('funds.other.budget' → 'f-funds-other-budget')."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]+", "-", where).strip("-")


def field_text(form: Form, where: str) -> str:
    """The text a field shows for the model's value (a followed suggestion shows as empty)."""
    value = get_value(form, where)
    if where.endswith(".score") and get_value(form, where + "_source") is ScoreSource.SUGGESTED:
        return ""
    return "" if value is None else str(value)


class FieldInput(Input):
    """A one-line field. `where` is its place in the form; row editors retarget it.

    Input sets its `virtual_size` on every keystroke, and that reactive asks for a layout of the
    whole screen. A field's box never depends on its text (the stylesheet fixes it), so here the
    same reactive only repaints: a keystroke no longer costs a layout of every widget.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(
        self, where: str, *, placeholder: str = "", choices: tuple[str, ...] = (), classes: str = "",
        id: str | None = None,
    ) -> None:
        suggester = SuggestFromList(choices, case_sensitive=False) if choices else None
        super().__init__(
            placeholder=placeholder, compact=True, id=id or dom_id(where), classes=classes,
            # Amounts are replaced when typed over (0.00 → 5, not 0.005); text is appended to.
            suggester=suggester, select_on_focus="money" in classes.split(),
        )
        self.where = where
        self.choices = choices


class FieldText(TextArea):
    """A multi-line field (goals, 偏差原因分析及改进措施). Undo is the form's, not the TextArea's."""

    def __init__(self, where: str, *, placeholder: str = "", classes: str = "", id: str | None = None) -> None:
        super().__init__(
            compact=True, id=id or dom_id(where), classes=classes, soft_wrap=True,
            tab_behavior="focus", placeholder=placeholder, highlight_cursor_line=False,
        )
        self.where = where


FieldWidget = FieldInput | FieldText


def show_text(widget: FieldWidget, text: str) -> None:
    """Put the model's text in a field without reporting it back as an edit."""
    if isinstance(widget, FieldInput):
        if widget.value != text:
            with widget.prevent(Input.Changed):
                widget.value = text
    elif widget.text != text:
        with widget.prevent(TextArea.Changed):
            widget.load_text(text)
