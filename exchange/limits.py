"""Caps on what an import reads, so a bad or hostile file is refused quickly instead of hanging.

A real form is a workbook of some tens of KB or a PDF of one or two pages; the caps are far
above that and far below what would take minutes. README.md documents them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from models.problems import Problem

MAX_XLSX_BYTES = 20 * 1024 * 1024  # the file on disk
MAX_XLSX_UNPACKED = 30 * 1024 * 1024  # all its parts once unzipped
MAX_XLSX_RATIO = 200  # unzipped ÷ zipped, per part: above it the part is a zip bomb
MAX_XLSX_PARTS = 5000
MAX_SHEET_CELLS = 200_000  # rows × columns in use on one sheet
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 200
MAX_PAGE_OBJECTS = 30_000  # characters, lines and rectangles on one page: a form page has a few thousand

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted OOXML package, or an old .xls
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


class FileRefused(Exception):
    """A file that cannot be read; `problem` says why, with its code."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def refuse(code: str, message: str) -> FileRefused:
    return FileRefused(Problem(code, "", message))


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def check_size(path: Path, cap: int) -> None:
    size = path.stat().st_size
    if size > cap:
        raise refuse("E012", f"文件过大（{_mb(size)}），导入上限为 {_mb(cap)}")
    if size == 0:
        raise refuse("E010", "文件是空的")


def open_workbook_package(path: Path) -> zipfile.ZipFile:
    """The workbook's ZIP package, checked; a password-protected or old-format workbook, a broken
    ZIP or a zip bomb is refused before openpyxl sees it. The caller closes the package."""
    check_size(path, MAX_XLSX_BYTES)
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head == _OLE_MAGIC:
            if _ENCRYPTION_INFO in handle.read(MAX_XLSX_BYTES):
                raise refuse("E011", "工作簿设有打开密码，请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入")
            raise refuse("E010", "这是旧版 Excel 文件（.xls），请在 Excel/WPS 中另存为 .xlsx 再导入")
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise refuse("E010", "文件已损坏或不是 .xlsx 工作簿（无法作为 ZIP 打开）") from None
    try:
        _check_parts(package)
    except BaseException:
        package.close()
        raise
    return package


def _check_parts(package: zipfile.ZipFile) -> None:
    parts = package.infolist()
    if len(parts) > MAX_XLSX_PARTS:
        raise refuse("E012", f"工作簿含 {len(parts)} 个部件，超过上限 {MAX_XLSX_PARTS}")
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_XLSX_UNPACKED:
        raise refuse("E012", f"工作簿解压后达 {_mb(unpacked)}，超过上限 {_mb(MAX_XLSX_UNPACKED)}（可能是压缩炸弹）")
    for part in parts:
        if part.file_size > 1024 * 1024 and part.file_size > MAX_XLSX_RATIO * max(part.compress_size, 1):
            raise refuse("E012", f"工作簿的部件“{part.filename}”压缩比异常（可能是压缩炸弹），拒绝读取")
    if "xl/workbook.xml" not in package.namelist():
        raise refuse("E010", "不是 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml")
