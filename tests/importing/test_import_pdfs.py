"""Importing PDFs printed by LibreOffice (from workbooks) and by Chromium (from HTML tables)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from official_html import chromium, form_html, page, print_pdf

from bench.official_workbooks import Layout, build, style_for_print, write
from bench.printing import long_form, print_workbooks, soffice
from exchange.reading_files import read_forms
from models import Form, dumps_form, load_form

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_forms").glob("*.toml"))
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
needs_chromium = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")


def sample(stem: str) -> Form:
    return load_form(next(p for p in SAMPLES if stem in p.stem))


def as_written(form: Form) -> str:
    return dumps_form(form)


def imported(path: Path) -> list[str]:
    found = read_forms(path)
    assert found.problem is None, found.problem
    assert found.everything_placed, [*found.unplaced, *(u for f in found.forms for u in f.unplaced)]
    return [dumps_form(f.form, published=f.published) for f in found.forms]


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory) -> dict[str, Path]:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("office")
    books = {p.stem: build(load_form(p), folder / f"plain-{i}.xlsx") for i, p in enumerate(SAMPLES)}
    books["variant"] = build(sample("社区建设"), folder / "variant.xlsx",
                             Layout(row0=3, col0=2, blank_rows=True, repeat_levels=True, wrapped_labels=True))
    books["yuan"] = build(sample("两新"), folder / "yuan.xlsx", Layout(yuan=True, separators=True, split_value_cells=True))
    books["long"] = build(long_form(sample("培训班")), folder / "long.xlsx", Layout(repeat_levels=True))
    book = openpyxl.Workbook()
    after = write(book.active, sample("实训基地"), Layout())
    write(book.active, sample("志愿服务"), Layout(), start=after + 2)
    style_for_print(book.active)
    book.save(folder / "two.xlsx")
    books["two"] = folder / "two.xlsx"
    pdfs = print_workbooks(list(books.values()), folder)
    return dict(zip(books, pdfs, strict=True))


@needs_soffice
@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_libreoffice_pdf_of_each_sample_imports_to_the_same_file(office_pdfs, path):
    assert imported(office_pdfs[path.stem]) == [path.read_text(encoding="utf-8")]


@needs_soffice
def test_libreoffice_pdf_of_a_shifted_layout_with_wrapped_labels(office_pdfs):
    assert imported(office_pdfs["variant"]) == [as_written(sample("社区建设"))]


@needs_soffice
def test_libreoffice_pdf_in_yuan_with_separators(office_pdfs):
    form = read_forms(office_pdfs["yuan"]).forms[0].form
    assert form.money_unit == "元"
    assert (form.funds.current_year.budget, form.funds.current_year.executed) == (Decimal("2600000.00"),
                                                                                 Decimal("2599000.00"))


@needs_soffice
def test_libreoffice_pdf_of_a_form_over_two_pages(office_pdfs):
    found = read_forms(office_pdfs["long"])
    assert found.forms[0].areas == ["第 1 页", "第 2 页"]
    assert imported(office_pdfs["long"]) == [as_written(long_form(sample("培训班")))]


@needs_soffice
def test_libreoffice_pdf_of_two_forms_on_one_sheet(office_pdfs):
    assert imported(office_pdfs["two"]) == [as_written(sample("实训基地")), as_written(sample("志愿服务"))]


@pytest.fixture(scope="module")
def browser_pdfs(tmp_path_factory) -> dict[str, Path]:
    if chromium() is None:
        pytest.skip("Chromium is not installed")
    folder = tmp_path_factory.mktemp("browser")
    three = [sample("两新"), sample("新业态"), sample("社区建设")]
    return {
        "three": print_pdf(page(*(form_html(f) for f in three)), folder / "three.pdf"),
        "long": print_pdf(page(form_html(long_form(sample("培训班")), repeat_levels=True)), folder / "long.pdf"),
        "beside": print_pdf(page(form_html(sample("实训基地"), yuan=True, goals_beside=True)), folder / "beside.pdf"),
    }


@needs_chromium
def test_browser_pdf_with_several_forms(browser_pdfs):
    found = read_forms(browser_pdfs["three"])
    assert [f.areas for f in found.forms] == [["第 1 页"], ["第 2 页"], ["第 3 页"]]
    # A space where the browser wrapped the line ("不少于 120篇") is not printed: it cannot come back.
    # Nothing else differs.
    wrapped_at_space = sample("社区建设")
    wrapped_at_space.goals.expected = wrapped_at_space.goals.expected.replace("不少于 120篇", "不少于120篇")
    assert imported(browser_pdfs["three"]) == [as_written(sample("两新")), as_written(sample("新业态")),
                                               as_written(wrapped_at_space)]


@needs_chromium
def test_browser_pdf_of_a_form_over_several_pages(browser_pdfs):
    found = read_forms(browser_pdfs["long"])
    assert len(found.forms[0].areas) >= 2
    assert imported(browser_pdfs["long"]) == [as_written(long_form(sample("培训班")))]


@needs_chromium
def test_browser_pdf_with_goals_beside_their_labels_and_amounts_in_yuan(browser_pdfs):
    form = read_forms(browser_pdfs["beside"]).forms[0].form
    source = sample("实训基地")
    assert form.goals == source.goals  # the two goal texts kept apart, wrapped lines rejoined without spaces
    assert form.money_unit == "元" and form.funds.current_year.budget == Decimal("175000.00")
    assert [i.name for i in form.indicators] == [i.name for i in source.indicators]


@needs_chromium
def test_page_numbers_outside_the_table_are_not_content_but_numbers_in_it_are(tmp_path):
    """A page number in the bottom margin is the printer's; the same number just under the table
    could be the form's own text, so it is reported, never dropped."""
    footer = ('<p style="position:fixed;bottom:0;width:100%;text-align:center">- 1 -</p>'
              '<p>注：7</p><p style="text-align:center">- 1 -</p>')
    form = sample("实训基地")
    pdf = print_pdf(page(form_html(form).replace("</table></div>", "</table>" + footer + "</div>")), tmp_path / "f.pdf")
    found = read_forms(pdf)
    assert [(u.place, u.text) for u in found.forms[0].unplaced] == [("第 1 页", "注：7"), ("第 1 页", "- 1 -")]


@needs_soffice
def test_validate_on_a_pdf_reports_pages(office_pdfs, capsys):
    from tui.cli import main

    pdf = office_pdfs["2024-社区建设工作专项经费"]
    assert main(["validate", "--format", "json", str(pdf)]) == 0  # warnings only
    [record] = json.loads(capsys.readouterr().out)["files"]
    assert record["area"] == "第 1 页"
    assert [(p["code"], p["place"]) for p in record["problems"]] == [("W206", "第 1 页")]
