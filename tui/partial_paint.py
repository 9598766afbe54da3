"""A frame draws only the widgets under the cells that changed.

Textual (pinned in pyproject.toml) paints a partial update by asking every widget whose
*container* overlaps the changed area to render: a keystroke in one field re-rendered the form
list, the problems list, the footer and every field beside it, three times per key (the field,
the figures, the score bar). `install` keeps Textual's update and narrows that choice to the
widgets whose visible part overlaps one of the changed regions. Nothing else can show in those
regions, so the frame sent to the terminal is the same (tests/editor/test_partial_paint.py
compares it with Textual's own); only the work behind it is smaller.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

Render = tuple[Region, Region, list[Strip]]
TEXTUAL_PARTIAL_UPDATE = Compositor.render_partial_update  # Textual's own, to compare with (tests)


def install() -> None:
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """Textual's render_partial_update, with the widgets chosen by the changed regions."""
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(list(update_regions)).intersection(self.size.region)
    spans = list(self._regions_to_spans(update_regions))
    is_rendered_line = {y for y, _, _ in spans}.__contains__
    changed = list(update_regions)

    def renders(crop: Region | None = None) -> Iterable[Render]:
        return _renders_under(self, crop or self.size.region, changed)

    self._get_renders = renders  # type: ignore[method-assign]
    try:
        chops = self._render_chops(crop, is_rendered_line)
    finally:
        del self._get_renders  # Textual's own again (full updates, screenshots)
    return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in self.cuts])


def _renders_under(self: Compositor, crop: Region, changed: list[Region]) -> Iterable[Render]:
    """Compositor._get_renders for the widgets whose visible part overlaps a changed region."""
    for widget, (region, clip) in self.visible_widgets.items():
        visible = region.intersection(clip)
        if not (crop.overlaps(clip) and any(area.overlaps(visible) for area in changed)):
            continue
        if clip.contains_region(region):
            yield region, clip, widget.render_lines(Region(0, 0, region.width, region.height))
        else:
            x, y, width, height = visible
            yield region, clip, widget.render_lines(Region(x - region.x, y - region.y, width, height))
