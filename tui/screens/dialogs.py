"""Modal dialogs: unsaved changes, a line of text, a choice from a list."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from .path_input import PathInput


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
    """保存 / 不保存 / 取消 → "save" / "discard" / "cancel"; the question names what comes next."""

    def __init__(self, name: str, before: str = "继续") -> None:
        """`before`: what the user is about to do (退出, 切换表单 …): 退出前保存修改吗？"""
        super().__init__(f"“{name}”有未保存的修改。", f"{before}前保存修改吗？", [
            ("save", "保存", "s"), ("discard", "不保存", "n"), ("cancel", "取消", "escape"),
        ])


DIALOG_SHARE = 90  # .dialog { max-height: 90% } in jixiao.tcss
CHOICE_ROWS = 20  # the choice list's height at most (every rule set and its second line, with the border)
CHOICE_CHROME = 8  # the dialog's border and padding (4), title (2) and last line (2) around the list

Accept = Callable[[str], str | None]  # act on the text; a message means "not done, say why, ask again"


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text (a file name, a project name); Esc cancels.

    With `accept`, the dialog acts on the text before closing: when it answers with a message
    (a name already taken …) the dialog stays open with the message and the text, to correct.
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "取消", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "", accept: Accept | None = None,
                 suggester: Suggester | None = None) -> None:
        super().__init__()
        self.title_text, self.value, self.hint, self.accept = title, value, hint, accept
        self.suggester = suggester  # completion shown in grey, → accepts it

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield PathInput(self.value, id="prompt-input", suggester=self.suggester)  # an Input; → cycles path completions
            yield Label("", id="prompt-error", classes="dialog-error")
            yield Label(self.hint or "回车确定，Esc 取消", classes="dialog-text")

    def on_mount(self) -> None:
        self.query_one("#prompt-error").display = False

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        refused = self.accept(text) if self.accept is not None else None
        if refused is None:
            self.dismiss(text)
            return
        error = self.query_one("#prompt-error", Label)
        error.update(refused)
        error.display = True


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
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The list scrolls within what the screen leaves, so the dialog keeps its bottom border and
        its last line (↑↓ 选择 …) on a 24-line screen: a list of its full height pushed them off."""
        room = self.size.height * DIALOG_SHARE // 100 - CHOICE_CHROME
        self.query_one(OptionList).styles.max_height = max(min(room, CHOICE_ROWS), 4)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
