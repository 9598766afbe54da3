"""PDFs (from Excel, WPS or a browser) → one grid of all pages, for the shared locator.

Each page's ruled tables are read with pdfplumber; text outside the tables (a title above the
table, a unit note) becomes rows of its own, in reading order, so a title printed outside the
table still names the year. Pages follow one another in the grid, so a form continues across
a page break and several forms follow one another.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from .limits import MAX_PAGE_OBJECTS, MAX_PDF_BYTES, MAX_PDF_PAGES, FileRefused, check_size, refuse
from .reading.grid import Cell, Grid
from .reading.labels import is_page_number
from .reading.text import fold_radicals, label_key
from .xlsx import SUMMARY_TITLE

_TOLERANCE = 1.0  # points: a cell reaching this close to a row's top still covers it


def read_pdf(path: Path) -> Grid:
    """FileRefused for a PDF that cannot be read, is too long, scanned, or has no table."""
    check_size(path, MAX_PDF_BYTES)
    with open(path, "rb") as handle:
        if b"%PDF-" not in handle.read(1024):  # an HTML page or anything else saved as .pdf
            raise refuse("E010", "不是 PDF 文件（文件开头没有 PDF 标记），无法读取")
    import pdfplumber  # noqa: PLC0415 (only the commands that read PDFs pay for it)

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its English notes on fonts are not the user's business
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect  # noqa: PLC0415

    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
            if count > MAX_PDF_PAGES:
                raise refuse("E012", f"PDF 有 {count} 页，超过导入上限 {MAX_PDF_PAGES} 页，请拆分后再导入")
            return _read_pages(pdf.pages, path)
    except FileRefused:
        raise
    except Exception as error:  # pdfminer raises many kinds for a damaged file; pdfplumber wraps them
        inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else error
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            raise refuse("E011", "PDF 设有打开密码，请先取消密码再导入") from None
        raise refuse("E010", "无法读取 PDF：文件已损坏或不是 PDF 文件") from None


def _read_pages(pages: Any, path: Path) -> Grid:
    grid = Grid(path.name, wrapped=True)
    has_text = has_images = has_tables = False
    dangling: list[list[Cell]] = []  # empty cells merged down to the end of the last page's table
    for number, page in enumerate(pages, start=1):
        has_text = has_text or bool(page.chars)
        has_images = has_images or bool(page.images)
        objects = len(page.chars) + len(page.lines) + len(page.rects) + len(page.curves)
        if objects > MAX_PAGE_OBJECTS:  # finding a table's lines grows faster than their number: refuse, do not hang
            raise refuse("E012", f"PDF 第 {number} 页有 {objects} 个字符与线条，超过上限 {MAX_PAGE_OBJECTS}，不像自评表")
        tables = page.find_tables()
        has_tables = has_tables or bool(tables)
        place = f"第 {number} 页"
        rows: list[tuple[float, list[Cell]]] = []
        for index, table in enumerate(tables):
            found, reaching_end = _table_rows(table, place)
            if index == 0 and found:
                _stitch(dangling, found[0][1])
            rows += found
            dangling = reaching_end
        rows += _lines_outside(page, [t.bbox for t in tables], place, len(pages))
        rows.sort(key=lambda item: item[0])
        if rows and _is_summary_page(rows[0][1]):
            dangling = []
        else:
            grid.rows += [cells for _, cells in rows]
        page.close()  # pdfplumber caches each page's objects; a long PDF would hold them all
    if not has_text:
        why = "是扫描件（只有图片，没有文字）" if has_images else "没有文字"
        raise refuse("E013", f"PDF {why}，无法导入；jixiao 不做文字识别（OCR），请使用由 Excel、WPS 或网页导出的 PDF")
    if not has_tables:
        raise refuse("E014", "PDF 中没有找到带边框线的表格，不像自评表")
    return grid


_SUMMARY_KEY = label_key(SUMMARY_TITLE)


def _is_summary_page(first_row: list[Cell]) -> bool:
    """A page of jixiao's 汇总 (the summary sheet or page, headed 财政项目支出绩效自评汇总 on every
    page): figures derived from the forms that follow, skipped as the workbook import skips the
    汇总 sheet; read as a form, its 项目名称 column made an empty form of its own."""
    return len(first_row) == 1 and label_key(first_row[0].text).startswith(_SUMMARY_KEY)


def _stitch(dangling: list[list[Cell]], first_row: list[Cell]) -> None:
    """A cell merged down across a page break prints its text on one page only (a browser centres
    it in the whole cell): the part on the earlier page takes the text of its part on this page."""
    for pieces in dangling:
        anchor = pieces[0]
        below = next((c for c in first_row if c.overlap(anchor.x0, anchor.x1) > (anchor.x1 - anchor.x0) / 2), None)
        if below is not None and below.text.strip():
            for piece in pieces:
                piece.text = below.text


def _table_rows(table: Any, place: str) -> tuple[list[tuple[float, list[Cell]]], list[list[Cell]]]:
    """The table's rows; and the empty cells merged down to its last row, each with its pieces."""
    texts = table.extract()
    found: list[tuple[float, list[Cell]]] = []
    open_cells: list[tuple[float, list[Cell]]] = []  # cells reaching below their row: (bottom, pieces)
    for row, row_texts in zip(table.rows, texts, strict=True):
        top = row.bbox[1]
        open_cells = [(bottom, pieces) for bottom, pieces in open_cells if bottom > top + _TOLERANCE]
        cells = []
        for _, pieces in open_cells:
            origin = pieces[0]
            piece = Cell(origin.text, origin.x0, origin.x1, place, place, continued=True, origin=origin)
            pieces.append(piece)
            cells.append(piece)
        for bbox, text in zip(row.cells, row_texts, strict=True):
            if bbox is None:
                continue
            cell = Cell(fold_radicals(text or ""), bbox[0], bbox[2], place, place)
            cells.append(cell)
            if bbox[3] > row.bbox[3] + _TOLERANCE:
                open_cells.append((bbox[3], [cell]))
        cells.sort(key=lambda c: c.x0)
        found.append((top, cells))
    reaching_end = [pieces for _, pieces in open_cells if not pieces[0].text.strip()]
    if found:  # a one-row cell at the bottom may continue on the next page too
        reaching_end += [[c] for c in found[-1][1] if not c.continued and not c.text.strip()]
    return found, reaching_end


def _lines_outside(page: Any, boxes: list[tuple[float, float, float, float]], place: str,
                   pages: int) -> list[tuple[float, list[Cell]]]:
    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return False
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = _visual_lines(page.filter(outside).extract_text_lines(return_chars=False))
    return [(line["top"], [Cell(fold_radicals(line["text"]), line["x0"], line["x1"], place, place)])
            for line in lines if not _is_page_number(line, page.height, pages)]


def _visual_lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pieces printed on one line joined left to right: a browser sets the 2024 of
    `2024年度…自评表` a little lower than the rest, and pdfplumber gives it a line of its own."""
    joined: list[dict[str, Any]] = []
    for line in sorted(lines, key=lambda item: item["top"]):
        middle = (line["top"] + line["bottom"]) / 2
        last = joined[-1] if joined else None
        if last is not None and last["top"] <= middle <= last["bottom"]:
            pieces = sorted([last, line], key=lambda item: item["x0"])
            joined[-1] = {"text": pieces[0]["text"] + pieces[1]["text"], "x0": pieces[0]["x0"],
                          "x1": max(last["x1"], line["x1"]), "top": min(last["top"], line["top"]),
                          "bottom": max(last["bottom"], line["bottom"])}
        else:
            joined.append(dict(line))
    return joined


_MARGIN = 0.1  # the top and bottom tenth of a page, where a printer puts its page numbers


def _is_page_number(line: dict[str, Any], height: float, pages: int) -> bool:
    """A printer's page number: alone on its line, in the page's top or bottom margin, and a
    number a document of `pages` pages can have. Any other stand-alone number stays (and is
    placed or reported)."""
    if not is_page_number(line["text"]):
        return False
    in_margin = line["bottom"] <= height * _MARGIN or line["top"] >= height * (1 - _MARGIN)
    numbers = [int(n) for n in re.findall(r"\d+", line["text"])]
    return in_margin and all(n <= pages for n in numbers[:1])
