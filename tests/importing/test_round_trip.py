"""jixiao's own export imports back to the very same form file (exchange/layout.py's hidden `_jixiao`
sheet carries what the official layout cannot show: rule_set, layout, whose score each is)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from official_html import chromium

from exchange.reading_files import read_forms
from models import ScoreSource, dumps_form, load_form, save_form
from models.toml_io import read_form_file
from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_forms").glob("*.toml"))
REGIONS = sorted((ROOT / "tests" / "fixtures" / "regions").glob("*.toml"))


def export(paths: list[Path], out: Path, kind: str = "xlsx") -> Path:
    assert main(["export", *map(str, paths), "--to", kind, "-o", str(out)]) == 0
    return out


def imported_files(path: Path, folder: Path) -> dict[str, str]:
    folder.mkdir()
    assert main(["import", str(path), "-o", str(folder)]) == 0
    return {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.toml")}


@pytest.mark.parametrize("sample", SAMPLES + REGIONS, ids=[p.stem for p in SAMPLES + REGIONS])
def test_each_form_exported_to_xlsx_imports_to_the_same_bytes(tmp_path, sample, capsys):
    form = read_form_file(sample).form
    source = tmp_path / "src" / sample.name
    source.parent.mkdir()
    shutil.copy(sample, source)
    workbook = export([source], tmp_path / "form.xlsx")
    found = read_forms(workbook)
    assert found.everything_placed
    [imported] = found.forms
    assert dumps_form(imported.form, published=imported.published) == dumps_form(form)
    if sample in SAMPLES:  # the reference forms are stored as jixiao writes them
        assert dumps_form(imported.form, published=imported.published) == sample.read_text(encoding="utf-8")


def test_a_workbook_of_all_six_with_its_summary_sheet(tmp_path, capsys):
    workbook = export([ROOT / "sample_forms"], tmp_path / "all.xlsx")
    files = imported_files(workbook, tmp_path / "out")
    assert files == {p.name: p.read_text(encoding="utf-8") for p in SAMPLES}


def test_an_evaluators_score_equal_to_the_suggestion_stays_the_evaluators(tmp_path, sample_file, capsys):
    """Only the hidden sheet can say it: the printed 25.00 is also what the rule suggests."""
    form = load_form(sample_file("基层治理骨干专项教育培训班经费"))
    form.indicators[1].score_source = ScoreSource.EVALUATOR
    form.indicators[1].score = Decimal("25.00")
    source = tmp_path / "src" / "form.toml"
    source.parent.mkdir()
    save_form(form, source)
    [imported] = read_forms(export([source], tmp_path / "form.xlsx")).forms
    assert imported.form.indicators[1].score_source is ScoreSource.EVALUATOR
    assert dumps_form(imported.form, published=imported.published) == source.read_text(encoding="utf-8")


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")
def test_jixiaos_own_pdf_imports_back(tmp_path, capsys):
    """A PDF has no hidden sheet: rule_set and score sources come from the defaults and the scores."""
    pdf = export([ROOT / "sample_forms"], tmp_path / "all.pdf", "pdf")
    files = imported_files(pdf, tmp_path / "out")
    expected = {p.name: p.read_text(encoding="utf-8") for p in SAMPLES}
    # A space where the browser happened to wrap the line (“集中培训 100人” broken after 培训) is not in
    # the PDF and cannot come back; which space that is depends on the fonts. Nothing else may differ.
    assert {name: _without_wrap_spaces(text) for name, text in files.items()} == {
        name: _without_wrap_spaces(text) for name, text in expected.items()}
    exact = [name for name, text in expected.items() if _without_wrap_spaces(text) == text]
    assert exact and all(files[name] == expected[name] for name in exact)


def _without_wrap_spaces(text: str) -> str:
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=\d)|(?<=\d) (?=[\u4e00-\u9fff])", "", text)
