"""Small helpers shared by the editor tests."""

from __future__ import annotations

from textual.pilot import Pilot

from tui.app import JixiaoApp
from tui.screens.editor import EditorScreen
from tui.widgets.fields import FieldInput


def editor(app: JixiaoApp) -> EditorScreen:
    return app.editor_screen


async def retype(pilot: Pilot[None], selector: str, text: str) -> FieldInput:
    """Focus a field, clear it with the keyboard and type `text` key by key."""
    field = pilot.app.screen.query_one(selector, FieldInput)
    field.focus()
    await pilot.pause()
    await pilot.press("end", *["backspace"] * len(field.value), *text)
    await pilot.pause()
    return field
