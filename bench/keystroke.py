"""CPU time of one keystroke, including the repaint, charged to the app alone.

`Pilot.press` posts a callback to every widget and waits for each, a cost that grows with the
number of widgets and is not the app's. Here the key event is handed to the driver exactly as a
terminal would, and the app is watched until it has painted and then stayed quiet: the CPU time
of the app's thread over that span is the keystroke's cost. The same harness types into the
bare app. Cursor blinking is stopped in both so no timer paints in between.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual import events
from textual._compositor import CompositorUpdate
from textual.app import App
from textual.widgets import Input, TextArea

QUIET = 0.03  # seconds without a paint that count as "done"


async def cpu_per_key(make_app: Callable[[], App[Any]], selector: str, keys: list[str], cursor: int | None) -> float:
    """Mean CPU seconds per key over `keys`, typed into the widget at `selector`."""
    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]
    TextArea._toggle_cursor_blink_visible = lambda self: None  # type: ignore[method-assign]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        while len(app.screen_stack) > 2:  # a dialog (e.g. recovery) would take the keys
            app.pop_screen()
        widget = app.screen.query_one(selector)
        widget.focus()
        await pilot.pause()
        if cursor is not None and isinstance(widget, Input):
            widget.cursor_position = cursor if cursor >= 0 else len(widget.value)
        painted = asyncio.Event()
        display = app._display

        def watched_display(screen: Any, renderable: Any) -> None:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)  # what a terminal would be sent
            painted.set()
            display(screen, renderable)

        app._display = watched_display  # type: ignore[method-assign]
        total = 0.0
        for key in keys:
            painted.clear()
            start = time.thread_time()
            event = events.Key(key, key if len(key) == 1 else None)
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
            await asyncio.wait_for(painted.wait(), timeout=5)
            while True:
                painted.clear()
                await asyncio.sleep(QUIET)
                if not painted.is_set():
                    break
            total += time.thread_time() - start
        app._display = display  # type: ignore[method-assign]
    return total / len(keys)


def measure(make_app: Callable[[], App[Any]], selector: str, keys: list[str], cursor: int | None = None) -> float:
    return asyncio.run(cpu_per_key(make_app, selector, keys, cursor))
