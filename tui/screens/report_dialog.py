"""A dialog listing lines a user must read (what an import could not place), scrollable; any of
Enter, Esc or the button closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static


class ReportDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    ReportDialog { align: center middle; }
    ReportDialog .dialog-title { width: 100%; }
    ReportDialog #report-lines { height: auto; max-height: 20; margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape,enter", "dismiss(None)", "关闭", id="report.close")]

    def __init__(self, title: str, lines: list[str]) -> None:
        super().__init__()
        self.title_text, self.lines = title, lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="report-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(id="report-lines"):
                yield Static("\n".join(self.lines), markup=False)
            yield Button("关闭 (Esc)", id="report-close", variant="primary")

    def on_mount(self) -> None:
        box = self.query_one("#report-dialog")
        box.styles.width = 96  # wider than the app's .dialog: the lines are paths and cell text
        box.styles.max_width = "100%"
        self.query_one("#report-lines").focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)
