"""tui.partial_paint: a frame renders only the widgets under the change, and sends the same cells."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from editor_helpers import retype
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.widget import Widget

from tui import partial_paint
from tui.app import JixiaoApp
from tui.widgets.form_list import FormList
from tui.widgets.status import ProblemsPanel

Update = Callable[[Compositor], ChopsUpdate | None]


def _frame(app: JixiaoApp, dirty: set[Region], update: Update) -> tuple[str, set[Widget]]:
    """One partial update of `dirty`: what the terminal is sent, and which widgets rendered for it."""
    compositor = app.screen._compositor
    rendered: set[Widget] = set()
    originals = {widget: widget.render_lines for widget in compositor.visible_widgets}
    for widget, original in originals.items():
        def spy(crop: Region, widget: Widget = widget, original=original):  # type: ignore[no-untyped-def]
            rendered.add(widget)
            return original(crop)

        widget.render_lines = spy  # type: ignore[method-assign]
    try:
        compositor._dirty_regions = set(dirty)
        frame = update(compositor)
    finally:
        for widget, original in originals.items():
            widget.render_lines = original  # type: ignore[method-assign]
    assert frame is not None
    return frame.render_segments(app.console), rendered


async def test_a_keystroke_frame_is_the_same_and_renders_only_what_is_under_it(training: Path) -> None:
    app = JixiaoApp(training)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        field = await retype(pilot, "#f-funds-current_year-executed", "30.20")
        await pilot.pause()
        # What one keystroke there changes: the field, the funds sheet's figures, the score bar.
        dirty = {field.region, app.screen.query_one("#funds-grid").region, app.screen.query_one("#scorebar").region}
        ours, ours_rendered = _frame(app, dirty, partial_paint._render_partial_update)
        textuals, textuals_rendered = _frame(app, dirty, partial_paint.TEXTUAL_PARTIAL_UPDATE)
        assert ours == textuals  # the same cells, styles and cursor moves reach the terminal
        far = {app.screen.query_one(FormList), app.screen.query_one(ProblemsPanel)}
        assert far <= textuals_rendered  # Textual renders the form list and the problems again ...
        assert not far & ours_rendered  # ... here they are left alone: nothing of them changed
        assert len(ours_rendered) < len(textuals_rendered) // 2
