"""A grid of cell texts with their horizontal extent and their place in the source file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)
class Cell:
    """One cell as a reader found it.

    `x0`/`x1` are the horizontal extent: column numbers for a sheet, points for a PDF page, so
    that a value is matched to its heading by overlap even when the rows merge cells differently.
    A cell merged over several rows appears in each of them; the lower pieces are `continued`.
    """

    text: str
    x0: float
    x1: float
    place: str  # "Sheet1!C7" or "第 2 页": what a user is told
    area: str  # the sheet or the page: "Sheet1", "第 2 页"
    formula: str | None = None  # a sheet's formula, without "=" (the text is its cached value)
    continued: bool = False
    origin: Cell | None = None  # for a continued piece: the cell it continues

    @property
    def source(self) -> Cell:
        return self.origin or self

    def overlap(self, x0: float, x1: float) -> float:
        return min(self.x1, x1) - max(self.x0, x0)


@dataclass(slots=True)
class Grid:
    """Rows of cells, top to bottom, each row left to right; `where` names the sheet or pages."""

    where: str
    rows: list[list[Cell]] = field(default_factory=list)
    wrapped: bool = False  # PDF: a line break in a cell is the page's wrapping, not the author's
    meta: dict[str, str] = field(default_factory=dict)  # what jixiao's own export noted for this sheet
