"""The workbook reader (workbook_xml + sheet_xml) reads every cell as openpyxl's load_workbook does.

jixiao reads the package's XML itself instead of building openpyxl's whole workbook object (for
speed); these tests hold it to the same values and number formats as openpyxl's own read-only
reading, on the kinds of cell a form may hold.
"""

from __future__ import annotations

import datetime
import warnings
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from exchange.import_xlsx import _read_sheet
from exchange.workbook_xml import read_workbook_xml


def _workbook(path: Path, epoch: Any = None) -> Path:
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    sheet = book.active
    sheet.title = "自评表"
    sheet["A1"] = "项目名称"
    sheet["B1"] = CellRichText("社区", TextBlock(InlineFont(b=True), "建设"), "经费")  # rich text runs
    sheet["A2"] = 215457.6
    sheet["A2"].number_format = "#,##0.00"
    sheet["B2"] = 0.8619
    sheet["B2"].number_format = "0.00%"
    sheet["C2"] = datetime.datetime(2024, 3, 1)
    sheet["C2"].number_format = "yyyy-mm-dd"
    sheet["D2"] = True
    sheet["E2"] = 100
    sheet["F2"] = "=SUM(A2:B2)"  # no cached value: read as nothing, its formula kept
    sheet["G2"] = "line\nbreak"
    sheet.merge_cells("A4:C5")
    second = book.create_sheet("第二张")
    second["B3"] = "x"
    chart_sheet = book.create_chartsheet("图表")
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=5, min_row=2, max_row=2))
    chart_sheet.add_chart(chart)
    book.save(path)
    return path


def _with_shared_strings(source: Path, target: Path) -> Path:
    """The same workbook as Excel and WPS write it: every string in xl/sharedStrings.xml (openpyxl
    writes them inline), one of them with a phonetic guide, which is not part of the text."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ElementTree.register_namespace("", main)
    strings = ElementTree.Element(f"{{{main}}}sst")
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for item in package.infolist():
            data = package.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                root = ElementTree.fromstring(data)
                for cell in root.iter(f"{{{main}}}c"):
                    inline = cell.find(f"{{{main}}}is")
                    if cell.get("t") == "inlineStr" and inline is not None:
                        shared = ElementTree.SubElement(strings, f"{{{main}}}si")
                        shared.extend(list(inline))
                        if len(strings) == 1:
                            guide = ElementTree.SubElement(shared, f"{{{main}}}rPh", sb="0", eb="1")
                            ElementTree.SubElement(guide, f"{{{main}}}t").text = "ピン"
                        cell.remove(inline)
                        cell.set("t", "s")
                        ElementTree.SubElement(cell, f"{{{main}}}v").text = str(len(strings) - 1)
                data = ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            out.writestr(item, data)
        out.writestr("xl/sharedStrings.xml", ElementTree.tostring(strings, xml_declaration=True, encoding="UTF-8"))
    return target


def _openpyxl_cells(path: Path) -> dict[str, dict[tuple[int, int], tuple[Any, str]]]:
    found: dict[str, dict[tuple[int, int], tuple[Any, str]]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        sheet.reset_dimensions()
        found[sheet.title] = {(cell.row, cell.column): (cell.value, str(cell.number_format))
                              for row in sheet.iter_rows() for cell in row if cell.value is not None}
    book.close()
    return found


def _our_cells(path: Path) -> dict[str, dict[tuple[int, int], tuple[Any, str]]]:
    with zipfile.ZipFile(path) as package:
        book = read_workbook_xml(package)
        read = {title: _read_sheet(package.read(part), title, book) for title, part in book.sheets.items()}
    return {title: {place: (value, book.number_format(style)) for place, (value, style) in sheet.values.items()}
            for title, sheet in read.items()}


@pytest.mark.parametrize("shared", [False, True], ids=["inline strings", "shared strings"])
@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904], ids=["1900", "1904"])
def test_every_cell_reads_as_openpyxl_reads_it(tmp_path, epoch, shared):
    path = _workbook(tmp_path / "book.xlsx", epoch)
    if shared:
        path = _with_shared_strings(path, tmp_path / "shared.xlsx")
    with zipfile.ZipFile(path) as package:
        assert bool(read_workbook_xml(package).strings) == shared
    ours = _our_cells(path)
    assert ours == _openpyxl_cells(path)
    assert list(ours) == ["自评表", "第二张"]  # the chart sheet is not a sheet of cells
    assert ours["自评表"][(1, 2)][0] == "社区建设经费"
    assert ours["自评表"][(2, 3)][0] == datetime.datetime(2024, 3, 1)


def test_formulas_and_merges_are_read_in_the_same_pass(tmp_path):
    path = _workbook(tmp_path / "book.xlsx")
    with zipfile.ZipFile(path) as package:
        book = read_workbook_xml(package)
        sheet = _read_sheet(package.read(book.sheets["自评表"]), "自评表", book)
    assert sheet.formulas == {(2, 6): "SUM(A2:B2)"}
    assert sheet.merges == [(4, 1, 5, 3)]


def test_a_sheet_named_by_a_relative_path_with_dots_is_found(tmp_path):
    """Writers may name a part `worksheets/../worksheets/sheet1.xml`; it is the same part."""
    plain = _workbook(tmp_path / "book.xlsx")
    dotted = tmp_path / "dotted.xlsx"
    with zipfile.ZipFile(plain) as package, zipfile.ZipFile(dotted, "w") as out:
        for item in package.infolist():
            data = package.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                assert b'Target="worksheets/sheet1.xml"' in data or b'Target="/xl/worksheets/sheet1.xml"' in data
                data = data.replace(b'Target="/xl/worksheets/sheet1.xml"', b'Target="worksheets/sheet1.xml"')
                data = data.replace(b'Target="worksheets/sheet1.xml"', b'Target="./worksheets/../worksheets/sheet1.xml"')
            out.writestr(item, data)
    assert _our_cells(dotted) == _our_cells(plain)
