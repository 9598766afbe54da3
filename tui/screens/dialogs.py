"""Modal dialogs: unsaved changes, a line of text, a choice from a list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option


class Question(ModalScreen[str]):
    """A question with a row of buttons; each button has a hot key. Esc answers "cancel"."""

    BINDINGS = [
        Binding("escape", "dismiss('cancel')", "取消", id="question.cancel"),
        Binding("left", "app.focus_previous", show=False, id="question.left"),
        Binding("right", "app.focus_next", show=False, id="question.right"),
    ]

    def __init__(self, title: str, text: str, buttons: list[tuple[str, str, str]]) -> None:
        """`buttons`: (answer, label, hot key); the first is the default."""
        super().__init__()
        self.title_text, self.text, self.buttons = title, text, buttons

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.text, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for index, (answer, label, key) in enumerate(self.buttons):
                    hint = "Esc" if answer == "cancel" else key.upper()
                    yield Button(f"{label} ({hint})", id=answer, variant="primary" if index == 0 else "default")

    def on_key(self, event: Key) -> None:
        for answer, _, key in self.buttons:
            if event.key == key:
                event.stop()
                self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")


class UnsavedChanges(Question):
    """保存 / 不保存 / 取消 → "save" / "discard" / "cancel"."""

    def __init__(self, name: str) -> None:
        super().__init__(f"“{name}”有未保存的修改。", "保存后继续吗？", [
            ("save", "保存", "s"), ("discard", "不保存", "n"), ("cancel", "取消", "escape"),
        ])


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text (a file name, a project name); Esc cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text, self.value, self.hint = title, value, hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.value, id="prompt-input")
            yield Label(self.hint or "回车确定，Esc 取消", classes="dialog-text")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())


class ChoiceDialog(ModalScreen[str | None]):
    """Choose one of several options; returns the option's id."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消", id="choice.cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.title_text, self.choices, self.current = title, choices, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            marked = [("✓ " if key == self.current else "  ") + text for key, text in self.choices]
            options = OptionList(*[Option(text, id=key) for (key, _), text in zip(self.choices, marked, strict=True)], id="choices")
            yield options
            yield Label("↑↓ 选择，回车确定，Esc 取消", classes="dialog-text")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [key for key, _ in self.choices]
        if self.current in keys:
            options.highlighted = keys.index(self.current)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
