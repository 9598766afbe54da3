"""A PDF printed (LibreOffice) from jixiao's own multi-form workbook: the 汇总 page is skipped as
the workbook import skips the 汇总 sheet (read as a form it made an empty 未命名 form and ~40
lines of 未能导入), and jixiao's own footer 第 N 页，共 M 页 is a page number."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.printing import print_workbooks, soffice
from exchange.layout import form_layout
from exchange.reading.labels import is_page_number
from exchange.reading_files import read_forms
from exchange.summary import build_summary
from exchange.xlsx import workbook_bytes
from models import dumps_form, load_form, score_form
from models.validation import validate_file

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_forms").glob("*.toml"))


@pytest.mark.parametrize("text", ["第 3 页，共 3 页", "第3页 共3页", "共 3 页 第 1 页", "- 2 -", "2/3"])
def test_printed_page_numbers_are_recognised(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["第 3 页，共 3 页，见附件", "3 个项目", "第三项"])
def test_other_text_is_not_a_page_number(text: str) -> None:
    assert not is_page_number(text)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_of_jixiaos_own_two_form_workbook_imports_the_two_forms_only(tmp_path: Path) -> None:
    chosen = SAMPLES[:2]
    reports = [validate_file(p) for p in chosen]
    forms = [load_form(p) for p in chosen]
    book = tmp_path / "two.xlsx"
    book.write_bytes(workbook_bytes([form_layout(f, score_form(f)) for f in forms], build_summary(reports)))
    (pdf,) = print_workbooks([book], tmp_path)
    found = read_forms(pdf)
    assert found.problem is None
    assert [f.form.project for f in found.forms] == [f.project for f in forms]  # no 未命名 form from 汇总
    assert found.everything_placed, [*found.unplaced, *(u for f in found.forms for u in f.unplaced)]
    assert [dumps_form(f.form) for f in found.forms] == [dumps_form(f) for f in forms]
