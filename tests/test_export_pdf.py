"""PDF as a person would look at it: the six sample forms printed from the HTML export by the
browser on this machine, and the XLSX export printed by LibreOffice. Pages are kept as PNG under
artifacts/ (gitignored) so that a person can look at them."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from exchange.pdf import find_browser
from models import load_form, score_form
from models.money import fmt
from tui.cli import main

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font-descriptor notes on CJK fonts, not problems
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
A4 = (595.3, 841.9)  # points
needs_browser = pytest.mark.skipif(find_browser() is None, reason="没有 Chrome/Chromium/Edge：无法打印 PDF")
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="没有 poppler 的 pdftoppm")


def _keep_page_as_png(pdf: Path, page: int, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(stem)], check=True, timeout=120)
    png = stem.with_suffix(".png")
    assert png.stat().st_size > 10_000  # a rendered page, not an empty picture
    print(f"\n页面图片：{png}")
    return png


def _printed(text: str) -> re.Pattern[str]:
    """`text` as found in a PDF's text layer: the CJK fonts map some characters to radicals
    (⽬ for 目, undone by NFKC; ⻣ for 骨, which NFKC keeps), so a radical matches any character."""
    return re.compile("".join(f"(?:{re.escape(ch)}|[\u2e80-\u2eff])" for ch in text.replace(" ", "")))


def _check_pages(pdf: Path, forms: list, first_form_page: int = 0) -> None:
    with pdfplumber.open(pdf) as document:
        pages = document.pages[first_form_page:]
        assert len(pages) == len(forms)
        for page, (form, figures) in zip(pages, forms, strict=True):
            assert (round(page.width, 1), round(page.height, 1)) == pytest.approx(A4, abs=1)
            text = unicodedata.normalize("NFKC", page.extract_text()).replace(" ", "")
            assert _printed(form.project).search(text.replace("\n", ""))
            assert "总分" in text and "评分等级" in text
            assert fmt(figures.total) in text and figures.grade in text
            words = page.extract_words()
            right = max(w["x1"] for w in words)
            assert min(w["x0"] for w in words) > 5 and right < page.width - 5, "text cut off at an edge"
            # the right-most column is printed whole: its heading and the 得分 of 总分
            assert "偏差原因分析" in text


@needs_browser
@needs_poppler
def test_six_sample_forms_print_on_six_a4_pages(samples_dir, sample_paths, tmp_path):
    out = tmp_path / "forms.pdf"
    assert main(["export", str(samples_dir), "--to", "pdf", "-o", str(out)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["forms.pdf"]  # the browser's work folder is gone
    forms = [(form, score_form(form)) for form in map(load_form, sample_paths)]
    _check_pages(out, forms)
    _keep_page_as_png(out, 4, "export-html-page4")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有 LibreOffice（soffice）")
@needs_poppler
def test_xlsx_prints_one_form_per_page_in_libreoffice(samples_dir, sample_paths, tmp_path):
    book = tmp_path / "forms.xlsx"
    assert main(["export", str(samples_dir), "--to", "xlsx", "-o", str(book)]) == 0
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(book)], check=True, capture_output=True, timeout=300)
    forms = [(form, score_form(form)) for form in map(load_form, sample_paths)]
    _check_pages(tmp_path / "forms.pdf", forms, first_form_page=1)  # page 1 is the 汇总 sheet
    _keep_page_as_png(tmp_path / "forms.pdf", 5, "export-xlsx-page5")


def test_without_a_browser_the_message_says_what_to_do(sample_file, tmp_path, monkeypatch, capsys, is_chinese):
    monkeypatch.delenv("JIXIAO_BROWSER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr("exchange.pdf._install_places", list)
    out = tmp_path / "form.pdf"
    code = main(["export", str(sample_file("社区建设工作专项经费")), "--to", "pdf", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "X302" in err and is_chinese(err) and "--to html" in err and "打印" in err
    assert not out.exists()


def _fake_browser(folder: Path, body: str) -> Path:
    fake = folder / "fb.sh"
    fake.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    fake.chmod(0o755)
    return fake


def _export_pdf(sample_file, out: Path) -> int:
    return main(["export", str(sample_file("社区建设工作专项经费")), "--to", "pdf", "-o", str(out)])


def test_a_browser_named_relative_to_the_current_folder(sample_file, tmp_path, monkeypatch, capsys):
    # Writes a PDF header to the --print-to-pdf= file, as a browser would.
    _fake_browser(tmp_path, 'for a; do case "$a" in --print-to-pdf=*) printf "%%PDF-1.4 x" > "${a#--print-to-pdf=}";; esac; done\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JIXIAO_BROWSER", "./fb.sh")
    assert _export_pdf(sample_file, tmp_path / "o.pdf") == 0
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF")


def test_a_named_browser_that_is_missing_is_named(sample_file, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("JIXIAO_BROWSER", "/no/such")
    assert _export_pdf(sample_file, tmp_path / "o.pdf") == 2
    err = capsys.readouterr().err
    assert "X302" in err and "/no/such" in err and "不存在" in err


def test_a_browser_that_writes_no_pdf_is_an_error(sample_file, tmp_path, monkeypatch, capsys, is_chinese):
    fake = _fake_browser(tmp_path, 'for a; do case "$a" in --print-to-pdf=*) echo garbage > "${a#--print-to-pdf=}";; esac; done\n')
    monkeypatch.setenv("JIXIAO_BROWSER", str(fake))
    assert _export_pdf(sample_file, tmp_path / "o.pdf") == 2
    err = capsys.readouterr().err
    assert "X303" in err and "不是 PDF" in err and is_chinese(err)
    assert not (tmp_path / "o.pdf").exists()


@pytest.fixture
def long_form(tmp_path, clean_form) -> Path:
    """Sixty indicators under three 一级指标 (twenty rows merged each): three or four pages."""
    from decimal import Decimal

    from models import Indicator, save_form

    clean_form.project = "六十条指标的项目"
    clean_form.indicators = [
        Indicator(level1=("产出指标", "效益指标", "满意度指标")[n // 20], level2="数量指标", name=f"第{n + 1}条",
                  target=f"≥{n + 1}(个)", actual=f"{n + 1}(个)", weight=Decimal("1.50"))
        for n in range(60)
    ]
    path = tmp_path / "long.toml"
    save_form(clean_form, path)
    return path


def _page_texts(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [unicodedata.normalize("NFKC", page.extract_text()).replace(" ", "").replace("\n", "")
                for page in document.pages]


@needs_browser
@needs_poppler
def test_a_long_form_repeats_its_head_on_every_page(long_form, tmp_path):
    out = tmp_path / "long.pdf"
    assert main(["export", str(long_form), "--to", "pdf", "-o", str(out)]) == 0
    pages = _page_texts(out)
    assert len(pages) >= 2
    for text in pages:  # which form a loose page belongs to, and what its columns are
        assert _printed("六十条指标的项目").search(text) and _printed("三级指标").search(text)
    # Page 1 goes on with the indicators: not a heading row alone at its foot (the merged
    # 一级指标 run of twenty rows once pushed every indicator to page 2)
    assert _printed("第1条").search(pages[0]) and _printed("第10条").search(pages[0])
    _keep_page_as_png(out, 2, "export-html-long-page2")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="没有 LibreOffice（soffice）")
@needs_poppler
def test_a_long_form_in_libreoffice_repeats_headings_and_project(long_form, tmp_path):
    import openpyxl

    book = tmp_path / "long.xlsx"
    assert main(["export", str(long_form), "--to", "xlsx", "-o", str(book)]) == 0
    sheet = openpyxl.load_workbook(book).worksheets[0]
    heading_row = next(r for r in range(1, 30) if sheet.cell(row=r, column=3).value == "三级指标")
    assert sheet.print_title_rows.replace("$", "") == f"{heading_row}:{heading_row}"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(book)], check=True, capture_output=True, timeout=300)
    pages = _page_texts(tmp_path / "long.pdf")
    assert len(pages) >= 2
    for text in pages:
        assert _printed("六十条指标的项目").search(text) and _printed("三级指标").search(text)
    _keep_page_as_png(tmp_path / "long.pdf", 2, "export-xlsx-long-page2")


@needs_browser
def test_a_long_forms_pdf_imports_back(long_form, tmp_path):
    """The running header (the project's name on every page) and the repeated column headings are
    not read as values, and a long 一级指标 run cut into print-sized cells keeps its text."""
    pdf = tmp_path / "long.pdf"
    assert main(["export", str(long_form), "--to", "pdf", "-o", str(pdf)]) == 0
    out = tmp_path / "out"
    out.mkdir()
    # 0, or 1 for the repeated 偏差原因分析及改进措施 heading that import still lists as unplaced (W215)
    assert main(["import", str(pdf), "-o", str(out)]) in (0, 1)
    [imported] = [load_form(p) for p in out.glob("*.toml")]
    original = load_form(long_form)
    assert [(i.level1, i.level2, i.name, i.target) for i in imported.indicators] == [
        (i.level1, i.level2, i.name, i.target) for i in original.indicators]


REASON = ("由于部分培训对象因工作安排冲突未能按时参加，实际完成值略低于年度指标值；下一年度将提前统筹培训时间，"
          "加强与各街镇的沟通协调，确保参训率达到预期目标并做好补训安排，同时完善培训评估与跟踪反馈机制，持续提升培训质量。")


@pytest.fixture
def reasoned_form(tmp_path, clean_form) -> Path:
    """The reviewer's form: 25 indicators, each with some hundred characters of 偏差原因."""
    from decimal import Decimal

    from models import Indicator, save_form

    clean_form.project = "偏差原因很长的项目"
    clean_form.indicators = [
        Indicator(level1="产出指标", level2=("数量指标", "质量指标", "时效指标")[n % 3], name=f"第{n + 1}项培训课程的完成情况",
                  target="≥10.00(次)", actual="9.00(次)", weight=Decimal("3.60"), deviation_reason=REASON)
        for n in range(25)
    ]
    path = tmp_path / "reasons.toml"
    save_form(clean_form, path)
    return path


@needs_browser
@needs_poppler
def test_long_reasons_start_on_page_one_and_do_not_multiply_pages(reasoned_form, tmp_path):
    """偏差原因 was some 8 characters wide (13 pages, each row a third of a page) and a merged run of
    such rows could not start on page 1: page 1 held only the header, funds and goals."""
    out = tmp_path / "reasons.pdf"
    assert main(["export", str(reasoned_form), "--to", "pdf", "-o", str(out)]) == 0
    pages = _page_texts(out)
    assert _printed("第1项培训课").search(pages[0]) and _printed("第3项培训课").search(pages[0])
    assert len(pages) <= 6
    _keep_page_as_png(out, 1, "export-html-long-reasons-page1")
    imported = tmp_path / "imported"
    imported.mkdir()
    assert main(["import", str(out), "-o", str(imported)]) in (0, 1)
    [back] = [load_form(p) for p in imported.glob("*.toml")]
    assert [(i.level1, i.level2, i.name, i.deviation_reason) for i in back.indicators] == [
        (i.level1, i.level2, i.name, i.deviation_reason) for i in load_form(reasoned_form).indicators]


def test_the_browsers_work_folder_is_hidden_and_a_killed_exports_is_removed(sample_file, tmp_path, monkeypatch):
    """A killed export left `jixiao-pdf-XXXX/` (a browser profile of some MB) beside the output, in
    the forms folder when exporting from the editor: now hidden, and removed by the next export
    once older than any export can take; a recent one (an export still running) is left alone."""
    import os
    import time

    from exchange import pdf

    fake = _fake_browser(tmp_path, 'for a; do case "$a" in --user-data-dir=*) echo "${a#--user-data-dir=}" >> '
                         f'"{tmp_path}/seen";; --print-to-pdf=*) printf "%%PDF-1.4 x" > "${{a#--print-to-pdf=}}";; '
                         'esac; done\n')
    monkeypatch.setenv("JIXIAO_BROWSER", str(fake))
    out = tmp_path / "out"
    out.mkdir()
    stale, running = out / ".jixiao-pdf-killed", out / ".jixiao-pdf-running"
    for folder in (stale, running):
        (folder / "profile").mkdir(parents=True)
    old = time.time() - 3 * pdf.TIMEOUT_SECONDS
    os.utime(stale, (old, old))
    assert main(["export", str(sample_file("社区建设工作专项经费")), "--to", "pdf", "-o", str(out / "a.pdf")]) == 0
    seen = (tmp_path / "seen").read_text(encoding="utf-8").split()
    assert seen and Path(seen[0]).parent.name.startswith(".jixiao-pdf-")  # hidden from the forms folder's listing
    assert sorted(p.name for p in out.iterdir()) == [".jixiao-pdf-running", "a.pdf"]
