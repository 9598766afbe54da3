"""Bad workbooks and PDFs: a code and a Chinese message, never a traceback or a hang."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bad_documents import encrypted_workbook, old_xls, tiny_pdf, zip_bomb

from bench.official_workbooks import build
from bench.printing import soffice
from exchange import limits
from exchange.reading_files import read_forms
from models import load_form


def refused(path: Path) -> tuple[str, str]:
    found = read_forms(path)
    assert found.problem is not None and not found.forms
    return found.problem.code, found.problem.message


def test_password_protected_workbook(tmp_path):
    code, message = refused(encrypted_workbook(tmp_path / "locked.xlsx"))
    assert code == "E011" and "密码" in message


def test_old_xls_saved_as_xlsx_is_told_apart_from_a_password(tmp_path):
    code, message = refused(old_xls(tmp_path / "old.xlsx"))
    assert code == "E010" and ".xls" in message


@pytest.mark.parametrize("data", [b"PK\x03\x04 this is not a zip", b"not a workbook at all", b""],
                         ids=["broken zip", "text", "empty"])
def test_corrupt_workbook(tmp_path, data):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    code, message = refused(path)
    assert code == "E010" and ("损坏" in message or "空" in message)


def test_truncated_workbook(tmp_path, sample_file):
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "cut.xlsx")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert refused(path)[0] == "E010"


def test_workbook_that_unzips_past_the_cap_is_a_bomb(tmp_path):
    code, message = refused(zip_bomb(tmp_path / "bomb.xlsx", limits.MAX_XLSX_UNPACKED // 1024 // 1024 + 1))
    assert code == "E012" and "压缩炸弹" in message


def test_one_part_compressed_beyond_any_real_sheet_is_a_bomb(tmp_path):
    code, message = refused(zip_bomb(tmp_path / "ratio.xlsx", 8))  # under the total cap, ratio ~1000:1
    assert code == "E012" and "压缩比" in message


def test_sheet_with_too_many_cells(tmp_path, sample_file, monkeypatch):
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "big.xlsx")
    monkeypatch.setattr("exchange.import_xlsx.MAX_SHEET_CELLS", 20)
    code, message = refused(path)
    assert code == "E012" and "单元格" in message


def test_pdf_with_too_many_pages_is_refused_unread(tmp_path):
    code, message = refused(tiny_pdf(tmp_path / "long.pdf", pages=500))
    assert code == "E012" and "500 页" in message and str(limits.MAX_PDF_PAGES) in message


def test_pdf_page_with_too_many_lines_is_refused_before_looking_for_tables(tmp_path):
    code, message = refused(tiny_pdf(tmp_path / "dense.pdf", lines=limits.MAX_PAGE_OBJECTS + 10))
    assert code == "E012" and "第 1 页" in message and str(limits.MAX_PAGE_OBJECTS) in message


def test_scanned_pdf(tmp_path):
    code, message = refused(tiny_pdf(tmp_path / "scan.pdf", pages=2, text=None, image=True))
    assert code == "E013" and "扫描件" in message and "OCR" in message


def test_pdf_with_text_but_no_table(tmp_path):
    code, message = refused(tiny_pdf(tmp_path / "letter.pdf", pages=1))
    assert code == "E014" and "表格" in message


@pytest.mark.parametrize("data", [b"%PDF-1.4\n garbage", b"hello"], ids=["broken", "not a pdf"])
def test_corrupt_pdf(tmp_path, data):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    code, message = refused(path)
    assert code == "E010" and "PDF" in message
    assert ("损坏" in message) if data.startswith(b"%PDF") else message.startswith("不是 PDF 文件")


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_password_protected_pdf(tmp_path, sample_file):
    book = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "form.xlsx")
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    f"pdf:calc_pdf_Export:{options}", "--outdir", str(tmp_path), str(book)],
                   capture_output=True, timeout=300, check=True)
    code, message = refused(tmp_path / "form.pdf")
    assert code == "E011" and "密码" in message


def test_import_command_reports_bad_files_without_traceback(tmp_path):
    files = [encrypted_workbook(tmp_path / "locked.xlsx"), tiny_pdf(tmp_path / "scan.pdf", text=None, image=True)]
    done = subprocess.run([sys.executable, "-m", "tui", "import", *map(str, files), "-o", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "E011 错误" in done.stderr and "E013 错误" in done.stderr
    assert not list(tmp_path.glob("*.toml"))
