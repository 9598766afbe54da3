"""Input widgets bound to a place in the form (`where`), so one handler serves every field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, TextArea
from textual.widgets.input import Selection
from textual.widgets.text_area import Selection as AreaSelection

from models.address import Address

TextOf = Callable[[str], str]  # the text a field at a key shows (the edit session's `text`)


def dom_id(where: str) -> str:
    """A CSS id for the widget that edits `where` ('funds.other.budget' → 'f-funds-other-budget')."""
    return Address.parse(where).dom_id


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run the field's own binding for a non-printable key now, in the order the keys came.

    Textual inserts a typed character at once but runs a bound key (Backspace, Ctrl+U, Ctrl+K,
    Delete, arrows …) only after the key has bubbled up to the app, through a message queue per
    widget; a character typed right after it overtakes it. "Ctrl+U 5" then deleted the 5 too,
    "ab Backspace c" gave "ab" (Textualize/textual#6605). The focused field is the first place
    Textual looks for a binding and priority bindings were checked before the key got here, so
    running the field's own binding here changes what runs in no case, only when.
    """
    if event.is_printable:
        return False
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


def hand_over(field: Widget, edit: Message) -> bool:
    """Give an edit to the screen's `take_edit` now, inside the key that made it; False: post it as usual.

    Posted, an edit's Changed message climbs six containers, a queue each, before the editor sees
    it; the screen's paint timer fired on the way, so a key cost two frames: the character first,
    the figures one frame later. Taken at once, the character and the figures it changes are
    painted together (a keystroke ~12 → ~9 ms CPU on the reference form). An edit prevented by
    `show_text` (the model's text put back) is never handed over.
    """
    take: Callable[[Message], None] | None = getattr(field.screen, "take_edit", None) if field.is_attached else None
    if take is None or not field.check_message_enabled(edit):
        return False
    take(edit)
    return True


# The classes Textual gives every field as it is built (compact) and first filled in (valid: there
# are no validators). Each class added later restyles the field at once, twice per field at
# start-up; born with them (and with `compact` true from the start, so Textual's initial False
# does not take the class away again), the fields skip that work.
COMPACT = "-textual-compact"
BORN_WITH = f"{COMPACT} -valid"


class FieldInput(Input):
    """A one-line field. `where` is its place in the form; row editors retarget it.

    Input sets its `virtual_size` on every keystroke, and that reactive asks for a layout of the
    whole screen. A field's box never depends on its text (the stylesheet fixes it), so here the
    same reactive only repaints: a keystroke no longer costs a layout of every widget.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    compact: Reactive[bool] = Reactive(True, toggle_class=COMPACT)  # born compact (see BORN_WITH)

    @dataclass
    class Changed(Input.Changed):
        """Input.Changed with the field's place as it was when the text changed: an edit typed in a
        burst ending in Enter is handled after the row editor has moved on to the next row."""

        def __post_init__(self) -> None:
            super().__post_init__()
            assert isinstance(self.input, FieldInput)
            self.where = self.input.where

    def __init__(
        self, where: str, *, placeholder: str = "", choices: tuple[str, ...] = (), classes: str = "",
        id: str | None = None,
    ) -> None:
        suggester = SuggestFromList(choices, case_sensitive=False) if choices else None
        super().__init__(
            placeholder=placeholder, compact=True, id=id or dom_id(where), classes=f"{classes} {BORN_WITH}",
            # Amounts are replaced when typed over (0.00 → 5, not 0.005); text is appended to.
            suggester=suggester, select_on_focus="money" in classes.split(),
        )
        self.where = where
        self.choices = choices
        self._selects_on_focus = self.select_on_focus
        # A cell editor's field: Enter commits the cell and returns the widget that takes the keys next.
        self.on_enter: Callable[[], Widget] | None = None
        self._handed_to: Widget | None = None  # after that Enter, until the focus has left

    def post_message(self, message: Message) -> bool:
        return isinstance(message, FieldInput.Changed) and hand_over(self, message) or super().post_message(message)

    def _on_blur(self, event: events.Blur) -> None:
        self.select_on_focus = self._selects_on_focus  # an edit opened from the table changed it once
        self._handed_to = None

    async def _on_key(self, event: events.Key) -> None:
        """Keys sent in one burst with Enter (`11 Enter ↑ ← N1`) reach this field before the focus
        has moved on: those after Enter are handed, in order, to where Enter sent the focus."""
        if self._handed_to is not None:
            event.stop()
            event.prevent_default()
            self._handed_to.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter" and self.on_enter is not None:
            event.stop()
            event.prevent_default()
            self._handed_to = self.on_enter()
            return
        await run_own_binding(self, event)
        await super()._on_key(event)  # the cursor's blink restarts; a bound key is not printable: nothing more

    def _on_paste(self, event: events.Paste) -> None:
        """Pasted lines joined by a space: Input keeps only the first line and drops the rest unsaid."""
        event.prevent_default()  # Input's own handler runs after this one unless prevented
        event.stop()
        text = one_line(event.text)
        if text:
            insert_at_cursor(self, text)


def one_line(text: str) -> str:
    """Text pasted into a one-line field or cell: its lines joined by a space, none dropped."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class FieldText(TextArea):
    """A multi-line field (goals, 偏差原因分析及改进措施). Undo is the form's, not the TextArea's."""

    compact: Reactive[bool] = Reactive(True, toggle_class=COMPACT)  # born compact (see BORN_WITH)

    def __init__(self, where: str, *, placeholder: str = "", classes: str = "", id: str | None = None) -> None:
        super().__init__(
            compact=True, id=id or dom_id(where), classes=f"{classes} {COMPACT}", soft_wrap=True,
            tab_behavior="focus", placeholder=placeholder, highlight_cursor_line=False,
        )
        self.where = where

    @dataclass
    class Changed(TextArea.Changed):
        """TextArea.Changed with the field's place and text as they were when the text changed."""

        def __post_init__(self) -> None:
            super().__post_init__()
            assert isinstance(self.text_area, FieldText)
            self.where = self.text_area.where
            self.text = self.text_area.text

    def post_message(self, message: Message) -> bool:
        return isinstance(message, FieldText.Changed) and hand_over(self, message) or super().post_message(message)

    def on_resize(self) -> None:
        """Wrap again once the layout has settled, and draw every line anew.

        TextArea wraps when its resize event arrives; after a terminal resize the layout can settle
        at another width (a breakpoint's stylesheet, a scrollbar) and lines drawn for the old width
        stayed on screen — one line missing, one doubled — until the field took focus.
        """
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        self._rewrap_and_refresh_virtual_size()
        self.refresh()

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)
        await super()._on_key(event)  # the cursor's blink restarts; a bound key is not printable: nothing more


FieldWidget = FieldInput | FieldText


def show_text(widget: FieldWidget, text: str) -> None:
    """Put the model's text in a field without reporting it back as an edit."""
    if isinstance(widget, FieldInput):
        if widget.value != text:
            with widget.prevent(FieldInput.Changed):
                widget.value = text
    elif widget.text != text:
        with widget.prevent(FieldText.Changed):
            widget.load_text(text)


def open_for_editing(widget: FieldWidget, mode: str, typed: str = "") -> None:
    """Put the cursor where an edit begins, never mid-value (as in a spreadsheet).

    "replace": the whole value is selected, so typing replaces it (Enter on a table cell);
    "typed": the value becomes `typed` (a character typed on a table cell), cursor after it;
    "end": the cursor after the last character (F2 on a table cell).
    """
    if isinstance(widget, FieldInput):
        # The focus is on its way: arriving, it must keep what is set here, not select the whole
        # amount (`2` typed on a cell, then `5`, would replace the 2).
        widget.select_on_focus = False
        if mode == "typed":
            widget.value = typed
            widget.selection = Selection.cursor(len(typed))
        elif mode == "replace":
            widget.selection = Selection(0, len(widget.value))
        else:
            widget.selection = Selection.cursor(len(widget.value))
        return
    if mode == "typed":
        widget.replace(typed, (0, 0), widget.document.end)  # an edit: reported to the session like typing
    end = widget.document.end
    if mode == "replace":
        widget.selection = AreaSelection((0, 0), end)
    else:
        widget.selection = AreaSelection.cursor(end)


def insert_at_cursor(widget: FieldWidget, text: str) -> None:
    """Type `text` into a field at its cursor (replacing a selection), as a key pressed there would."""
    if isinstance(widget, FieldInput) and widget.selection.is_empty:
        widget.insert_text_at_cursor(text)
    else:
        widget.replace(text, *widget.selection)
