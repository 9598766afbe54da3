"""Small helpers shared by the editor tests."""

from __future__ import annotations

import datetime
import json
import socket
from pathlib import Path

from textual import events
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from models.locking import lock_path
from tui.app import JixiaoApp
from tui.screens.editor import EditorScreen
from tui.widgets.fields import FieldInput
from tui.widgets.funds_sheet import FundsSheet


def editor(app: JixiaoApp) -> EditorScreen:
    return app.editor_screen


def funds_cells(app: JixiaoApp) -> list[list[str]]:
    """项目资金 as drawn on screen: headings, each row, then 年度资金总额; a cell per column
    (label, three amounts — blank, their fields cover them —, 分值, 执行率%, 得分)."""
    return app.screen.query_one(FundsSheet).drawn_cells()


async def retype(pilot: Pilot[None], selector: str, text: str) -> FieldInput:
    """Focus a field, clear it with the keyboard and type `text` key by key."""
    field = pilot.app.screen.query_one(selector, FieldInput)
    field.focus()
    await pilot.pause()
    await pilot.press("end", *["backspace"] * len(field.value), *text)
    await pilot.pause()
    return field


def hold_lock(form: Path, pid: int, user: str, host: str | None = None) -> None:
    """Write the lock another jixiao (process `pid` on `host`) would hold on `form`."""
    path = lock_path(form)
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = {"host": host or socket.gethostname(), "pid": pid, "user": user, "since": _now()}
    path.write_text(json.dumps(holder), encoding="utf-8")


def _now() -> str:
    """A lock's `since` after its holder process started (a pid started later is a reused one)."""
    return datetime.datetime.now().isoformat(timespec="seconds")


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys delivered at once, as an input method sends a word: none waits for the app to catch up
    (pilot.press waits for the app to be idle after every key)."""
    for key in keys:  # all queued before the app handles the first (the driver would hand them over one by one)
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await pilot.pause()
    await pilot.pause()


def shown_lines(widget: Widget) -> list[str]:
    """The lines a widget draws now, trailing spaces dropped."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return ["".join(segment.text for segment in line).rstrip() for line in lines]


def write_text_in_amount(form: Path) -> None:
    """The file's 当年财政拨款·全年执行数 written as text (“25,4万”): it opens marked, kept as written."""
    text = form.read_text(encoding="utf-8")
    form.write_text(text.replace("executed = 25.40", 'executed = "25,4万"', 1), encoding="utf-8")
