"""python -m bench.same_picture OLD.svg NEW.svg: do two SVG screenshots show the same screen?

Snapshot SVGs can differ in how Rich groups cells into <text> runs while every cell shows the
same character, style and background; a drawing change (widgets → Line API) does exactly that.
This compares cell by cell and prints the cells that differ (none: the same picture).
"""

from __future__ import annotations

import html
import re
import sys
from typing import TypeVar

from rich.cells import cell_len

T = TypeVar("T")

Cells = dict[tuple[int, int], tuple[str, str | None]]
Backgrounds = dict[tuple[int, int], str]
CELL = 12.2  # the SVG's width of one cell
TEXT = re.compile(r'<text class="terminal-(?:\d+-)?(r\d+)" x="([\d.]+)" y="([\d.]+)" textLength="[\d.]+" clip-path="[^"]*">([^<]*)</text>')
RECT = re.compile(r'<rect fill="([^"]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"')


def cells(path: str) -> tuple[Cells, Backgrounds]:
    """Each cell's character and text style, and each cell's background, by (line, column)."""
    with open(path, encoding="utf-8") as file:
        svg = file.read()
    styles = dict(re.findall(r"\.terminal-(?:\d+-)?(r\d+) \{ ([^}]*) \}", svg))
    texts: Cells = {}
    for style, x, y, run in TEXT.findall(svg):
        column = round(float(x) / CELL)
        for character in html.unescape(run).replace("\xa0", " "):
            if character != " ":  # a blank cell shows its background only
                texts[round(float(y)), column] = (character, styles.get(style))
            column += cell_len(character)
    backgrounds: Backgrounds = {}
    for fill, x, y, width in RECT.findall(svg):
        for column in range(round(float(x) / CELL), round((float(x) + float(width)) / CELL)):
            backgrounds[round(float(y)), column] = fill
    return _by_line(texts), _by_line(backgrounds)


def _by_line(found: dict[tuple[int, int], T]) -> dict[tuple[int, int], T]:
    """Pixel rows to line numbers (text and rectangles sit at different heights in a line)."""
    lines = {y: index for index, y in enumerate(sorted({y for y, _ in found}))}
    return {(lines[y], x): value for (y, x), value in found.items()}


def main() -> None:
    (old, old_bg), (new, new_bg) = cells(sys.argv[1]), cells(sys.argv[2])
    texts = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    backgrounds = [k for k in sorted(set(old_bg) | set(new_bg)) if old_bg.get(k) != new_bg.get(k)]
    for key in texts[:15]:
        print("text", key, old.get(key), new.get(key))
    for key in backgrounds[:15]:
        print("background", key, old_bg.get(key), new_bg.get(key))
    print(f"text cells differing: {len(texts)}, background cells differing: {len(backgrounds)}")
    sys.exit(1 if texts or backgrounds else 0)


if __name__ == "__main__":
    main()
