"""Draw docs/editor.png, the picture the README opens with: a real screen of the editor.

    .venv/bin/python docs/make_screenshot.py            # the reference form at 120×40 → docs/editor.png
    .venv/bin/python docs/make_screenshot.py some.svg   # any SVG snapshot → some.png (to look at it)

Textual's SVG names Latin monospace fonts and gives each run of text a length of one cell per
character, so the Chinese (two cells each) is squeezed onto its neighbours. Here every character
is drawn on its own in exactly its cells (place_characters), with a CJK monospace font (Noto Sans
Mono CJK SC), and headless Chromium draws the PNG. A tool for maintainers: it is not part of the
package.
"""

from __future__ import annotations

import asyncio
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORM = "2024-基层治理骨干专项教育培训班经费.toml"
SIZE = (120, 40)
FONT = '"Noto Sans Mono CJK SC", "Noto Sans Mono CJK", monospace'


async def editor_svg(scratch: Path) -> str:
    """The editor on a private copy of the reference forms, table focused, as Textual exports it."""
    sys.path.insert(0, str(ROOT))
    from textual.widgets import Input, TextArea

    from tui.app import JixiaoApp

    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]
    TextArea._toggle_cursor_blink_visible = lambda self: None  # type: ignore[method-assign]
    forms = scratch / "forms"
    forms.mkdir()
    for form in (ROOT / "sample_forms").glob("*.toml"):
        shutil.copy2(form, forms)
    app = JixiaoApp(forms / FORM)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("f5")
        await pilot.pause(0.5)
        return app.export_screenshot(title="jixiao")


def place_characters(svg: str) -> str:
    """Each character of each <text> drawn on its own, in exactly its cells (a Chinese character two).

    Textual gives a run one length for all its characters and lets the font space them; with
    Chinese, quotes, ≥ or — in a run the glyphs' advances are not their cells, so the columns
    drift. Placing each character at its column is not enough either: the CJK font draws “ ” and ⚠
    full-width in a one-cell column (they covered the next character: “ over 两, ⚠1, (课) and its
    Latin letters narrower than a cell (a gap after each `.`: `0. 00`). So each character is a
    <text> of its own whose textLength is its cells and whose glyph is scaled to them.
    """
    from rich.cells import cell_len

    width = cell_width(svg)

    def place(match: re.Match[str]) -> str:
        attributes, content = match.groups()
        text = html.unescape(content)
        x = float(re.search(r' x="([\d.]+)"', attributes).group(1))  # type: ignore[union-attr]
        attributes = re.sub(r' (x|textLength|lengthAdjust)="[^"]*"', "", attributes)
        pieces, offset = [], 0
        for character in text:
            cells = cell_len(character)
            if not character.isspace() and cells:
                pieces.append(f'<text{attributes} x="{x + offset * width:g}" textLength="{cells * width:g}" '
                              f'lengthAdjust="spacingAndGlyphs">{html.escape(character)}</text>')
            offset += cells
        return "".join(pieces)

    return re.sub(r"<text( [^>]*)>([^<]*)</text>", place, svg)


def cell_width(svg: str) -> float:
    """One terminal cell's width in the SVG, from a run of Latin text."""
    for length, content in re.findall(r'<text [^>]*textLength="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        text = html.unescape(content)
        if text and text.isascii():
            return float(length) / len(text)
    return 12.2  # Rich's default: 0.61 of a 20 px font


def svg_to_png(svg: str, target: Path) -> None:
    """Draw the SVG with a CJK monospace font through headless Chromium."""
    svg = place_characters(svg)
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    width, height = (int(float(v)) + 1 for v in match.groups()) if match else (1600, 1000)
    override = f"text, tspan {{ font-family: {FONT} !important; }}"
    svg = svg.replace("</style>", override + "\n</style>", 1)
    with tempfile.TemporaryDirectory(prefix="jixiao-shot-") as scratch:
        page = Path(scratch) / "page.html"
        page.write_text(f'<html><body style="margin:0;background:#000">{svg}</body></html>', encoding="utf-8")
        subprocess.run([
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=3000",
            f"--screenshot={target}", f"--window-size={width},{height}", page.as_uri(),
        ], check=True, capture_output=True)


def main() -> None:
    if len(sys.argv) > 1:
        source = Path(sys.argv[1])
        svg_to_png(source.read_text(encoding="utf-8"), source.with_suffix(".png").resolve())
        return
    with tempfile.TemporaryDirectory(prefix="jixiao-shot-") as scratch:
        svg = asyncio.run(editor_svg(Path(scratch)))
    svg_to_png(svg, ROOT / "docs" / "editor.png")


if __name__ == "__main__":
    main()
