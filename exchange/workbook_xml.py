"""What a workbook's package says about its sheets: their parts, the shared strings, each cell
style's number format, and the date system, read straight from the XML.

openpyxl's `load_workbook` builds a whole workbook object for this (default styles, named styles,
every font and border as objects, the document properties, each sheet's dimension): three
quarters of its time on a one-page form, none of it needed to read a form's cells. The number
formats and the date formats follow openpyxl's own rules (`is_date_format`, the built-in format
table), so a cell reads exactly as through `load_workbook`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class WorkbookXml:
    sheets: dict[str, str] = field(default_factory=dict)  # title → part, in the workbook's order; no chart sheets
    strings: list[str] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)  # cell style id → number format
    date_styles: set[int] = field(default_factory=set)
    timedelta_styles: set[int] = field(default_factory=set)
    date1904: bool = False

    def number_format(self, style: int) -> str:
        return self.formats.get(style, "General")


def read_workbook_xml(package: zipfile.ZipFile) -> WorkbookXml:
    """The workbook's parts as openpyxl would find them; ElementTree's or zipfile's errors for a
    damaged package (the caller reports them)."""
    found = WorkbookXml()
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets: dict[str | None, tuple[str, str]] = {}
    for rel in rels.iter(f"{_PACKAGE_REL}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")  # worksheets/../x.xml
        targets[rel.get("Id")] = part, rel.get("Type", "")
    properties = book.find(f"{_MAIN}workbookPr")
    found.date1904 = properties is not None and properties.get("date1904", "") in ("1", "true")
    for sheet in book.iter(f"{_MAIN}sheet"):
        part, kind = targets.get(sheet.get(f"{_REL}id"), ("", ""))
        if part in package.NameToInfo and not kind.endswith("/chartsheet"):
            found.sheets[sheet.get("name", "")] = part
    for part, kind in targets.values():
        if part not in package.NameToInfo:
            continue
        if kind.endswith("/sharedStrings"):
            found.strings = _strings(package.read(part))
        elif kind.endswith("/styles"):
            _styles(package.read(part), found)
    return found


def _strings(xml: bytes) -> list[str]:
    """Each shared string as openpyxl's read_string_table gives it: its plain text and its rich
    text runs joined, phonetic guides left out. Streamed, each item dropped once read: a table of
    a million strings within the size caps must not hold a million elements at once."""
    strings = []
    item_tag = f"{_MAIN}si"
    root = None
    for event, item in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        if root is None:
            root = item
        elif event == "end" and item.tag == item_tag:
            snippets = [child.text for child in item.iterfind(f"{_MAIN}t") if child.text is not None]
            snippets += [run.text for run in item.iterfind(f"{_MAIN}r/{_MAIN}t") if run.text is not None]
            strings.append("".join(snippets).replace("x005F_", ""))
            root.clear()  # the items read so far, this one included
    return strings


def _styles(xml: bytes, found: WorkbookXml) -> None:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format  # noqa: PLC0415

    root = ElementTree.fromstring(xml)
    custom = {}
    for number_format in root.iterfind(f"{_MAIN}numFmts/{_MAIN}numFmt"):
        custom[int(number_format.get("numFmtId", "0"))] = number_format.get("formatCode", "")
    for index, style in enumerate(root.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")):
        number = int(style.get("numFmtId", "0"))
        text = custom[number] if number in custom else BUILTIN_FORMATS.get(number, "General")
        found.formats[index] = text
        if is_date_format(text):
            found.date_styles.add(index)
        if is_timedelta_format(text):
            found.timedelta_styles.add(index)
