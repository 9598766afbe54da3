"""Start-up shortcuts (README “编辑器的启动与按键”) leave the screen as the long way would."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.css.styles import RenderStyles
from textual.dom import DOMNode
from textual.screen import Screen

from tui.app import JixiaoApp


def _lines(styles: RenderStyles) -> tuple[str, ...]:
    """What the stylesheet gave (base) and what code set (inline), as CSS."""
    return (*styles._base_styles.css_lines, "|", *styles._inline_styles.css_lines)


def _styles(screen: Screen[None]) -> dict[str, tuple[str, ...]]:
    """Every node's CSS rules and its component classes' (cursor, placeholder …), by position in the tree."""
    styles: dict[str, tuple[str, ...]] = {}
    for index, node in enumerate(screen.walk_children(with_self=True)):
        assert isinstance(node, DOMNode)
        components = tuple(f"{name}: {' '.join(_lines(style))}" for name, style in sorted(node._component_styles.items()))
        styles[f"{index} {node!r}"] = (*_lines(node.styles), *components)
    return styles


async def test_the_first_showing_has_the_styles_a_full_restyle_gives(training: Path, forms: Path) -> None:
    """The editor screen is not restyled when first shown (its widgets were styled as they were
    mounted): restyling every node now changes nothing, on a wide and on a narrow screen."""
    for size in ((120, 40), (80, 24)):
        app = JixiaoApp(training)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            first = _styles(screen)
            app.stylesheet.update_nodes(screen.walk_children(with_self=True))
            assert _styles(screen) == first, size


def test_the_imports_are_frozen_once_and_a_later_app_freezes_nothing(training: Path) -> None:
    """The first app moves what exists (the imports) out of the collector's sight; a second app in
    the same process (tests make many) must not freeze the first one's garbage for good."""
    JixiaoApp(training)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    leftovers = [JixiaoApp(training) for _ in range(2)]  # objects a further freeze would take along
    assert leftovers and gc.get_freeze_count() == frozen
