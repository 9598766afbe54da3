"""The baseline: a bare Textual app with one Input and one Label updated on each change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, Label


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input("25.40", id="field")
        yield Label("25.40", id="echo")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Label).update(event.value)
