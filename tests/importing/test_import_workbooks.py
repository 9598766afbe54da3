"""Importing workbooks in the official layout, found by labels, in the variants clerks make."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from bench.official_workbooks import Layout, build, cache_formula_values, style_for_print, write
from exchange.reading_files import read_forms
from models import Form, dumps_form, load_form
from models.checks import check_form
from models.scoring import score_form
from models.toml_io import read_form_file

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_forms").glob("*.toml"))

# Layouts that must import to exactly the sample form (the same TOML bytes).
SAME_FORM = {
    "plain": Layout(),
    "shifted": Layout(row0=5, col0=4),
    "blank rows": Layout(blank_rows=True),
    "levels repeated": Layout(repeat_levels=True),
    "levels neither merged nor repeated": Layout(merge_levels=False),
    "numbers as text": Layout(numbers_as_text=True),
    "thousands separators": Layout(separators=True),
    "blank instead of dashes": Layout(dashes=False),
    "line breaks in labels": Layout(wrapped_labels=True),
    "values merged over other columns": Layout(split_value_cells=True),
    "no sub-row rates": Layout(fund_rates=False),
}


def imported_text(path: Path, index: int = 0) -> str:
    found = read_forms(path)
    assert found.problem is None, found.problem
    form = found.forms[index]
    return dumps_form(form.form, published=form.published)


@pytest.mark.parametrize("layout", SAME_FORM.values(), ids=SAME_FORM.keys())
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_official_layout_variants_import_to_the_same_form(tmp_path, sample, layout):
    path = build(load_form(sample), tmp_path / "form.xlsx", layout)
    found = read_forms(path)
    assert found.everything_placed, [*found.unplaced, *found.forms[0].unplaced]
    assert imported_text(path) == sample.read_text(encoding="utf-8")


def test_amounts_in_yuan_keep_their_unit_and_value(tmp_path, sample_file):
    form = load_form(sample_file("“两新”组织党建工作经费"))
    imported = read_forms(build(form, tmp_path / "yuan.xlsx", Layout(yuan=True, separators=True))).forms[0]
    assert imported.form.money_unit == "元"
    assert imported.form.funds.current_year.budget == Decimal("2600000.00")
    assert imported.form.funds.current_year.executed == Decimal("2599000.00")
    assert imported.published.execution_rate == Decimal("99.96")  # the rate does not depend on the unit


def test_a_note_under_the_table_is_reported_with_its_cell(tmp_path, sample_file):
    layout = Layout(note="注：本表由项目单位填报，\n财务部门审核。")
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "note.xlsx", layout)
    found = read_forms(path)
    unplaced = found.forms[0].unplaced
    assert [(u.place, u.text) for u in unplaced] == [("自评表!A19", "注：本表由项目单位填报，财务部门审核。")]
    assert not found.everything_placed


def test_without_a_title_the_year_is_missing_not_invented(tmp_path, sample_file):
    imported = read_forms(build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "t.xlsx",
                                Layout(title=False))).forms[0]
    assert imported.form.year is None
    assert imported.form.project == "社区建设工作专项经费"


def test_a_target_typed_as_formula_100_percent_reads_back_as_typed(tmp_path, sample_file):
    form = load_form(sample_file("社区干部实训基地工作经费"))
    path = build(form, tmp_path / "formula.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    target = next(c for row in sheet.iter_rows() for c in row if c.value == "合格")  # 实训质量's target
    target.value = "=100%"  # what Excel keeps when a clerk types =100%
    target.number_format = "0%"
    rate = sheet["G6"]  # 执行率 of 年度资金总额, as a formula over the amounts
    rate.value = "=E6/D6*100"
    book.save(path)
    # Excel saves the formulas' results; give 100% the cached 1 and the rate a cached value that
    # evaluating the formula would not give (99.00 ≠ 100.00): what is read must be the cached value.
    cache_formula_values(path, {target.coordinate: "1", "G6": "99"})
    imported = read_forms(path).forms[0]
    assert imported.form.indicators[1].target == "=100%"
    assert imported.published.execution_rate == Decimal("99.00")


def test_a_formula_without_a_cached_value_is_reported_not_evaluated(tmp_path, sample_file):
    path = build(load_form(sample_file("社区干部实训基地工作经费")), tmp_path / "nocache.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["G6"] = "=E6/D6*100"
    book.save(path)  # openpyxl stores no result: only Excel or WPS computes one
    found = read_forms(path)
    unplaced = found.forms[0].unplaced
    assert [(u.place, u.text) for u in unplaced] == [("自评表!G6", "=E6/D6*100")]
    assert "不计算公式" in unplaced[0].why
    assert found.forms[0].published.execution_rate is None


def test_several_forms_on_one_sheet_and_one_per_sheet(tmp_path):
    forms = [load_form(p) for p in SAMPLES[:3]]
    book = openpyxl.Workbook()
    first = book.active
    first.title = "第一张"
    after = write(first, forms[0], Layout())
    write(first, forms[1], Layout(), start=after + 3)
    write(book.create_sheet("第二张"), forms[2], Layout(col0=2))
    style_for_print(first)
    path = tmp_path / "many.xlsx"
    book.save(path)
    found = read_forms(path)
    assert found.everything_placed
    assert [f.areas for f in found.forms] == [["第一张"], ["第一张"], ["第二张"]]
    assert [dumps_form(f.form, published=f.published) for f in found.forms] == [
        p.read_text(encoding="utf-8") for p in SAMPLES[:3]
    ]


def test_a_sheet_without_a_form_is_reported_once(tmp_path, sample_file):
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "extra.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("填表说明")["A1"] = "金额保留两位小数。"
    book.save(path)
    found = read_forms(path)
    assert len(found.forms) == 1
    assert [(u.place, u.why) for u in found.unplaced] == [("填表说明", "没有找到自评表（缺少“项目名称”）")]


def test_published_figures_that_disagree_are_reported_by_validate_with_their_cell(tmp_path, sample_file):
    form = load_form(sample_file("社区建设工作专项经费"))
    path = build(form, tmp_path / "wrong.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet["G6"] = 98.84  # printed 执行率; 54.36 ÷ 55.00 truncates to 98.83
    sheet["G6"].number_format = "0.00"
    book.save(path)
    imported = read_forms(path).forms[0]
    checked = imported.form.model_copy(update={"figures": imported.published})
    e110 = [p for p in check_form(checked, score_form(checked)) if p.code == "E110"]
    assert [(p.where, imported.places[p.where]) for p in e110] == [("figures.execution_rate", "自评表!G6")]
    assert "98.84" in e110[0].message and "98.83" in e110[0].message


def test_an_evaluators_score_stays_the_evaluators(tmp_path, sample_file):
    imported = read_forms(build(load_form(sample_file("基层治理骨干专项教育培训班经费")), tmp_path / "e.xlsx")).forms[0]
    first = imported.form.indicators[0]
    assert (first.score, first.score_source.value) == (Decimal("1.00"), "evaluator")  # the rule suggests 1.81
    assert imported.form.indicators[1].score_source.value == "suggested"


def test_the_approved_targets_start_a_new_self_evaluation(tmp_path, sample_file):
    source = load_form(sample_file("基层治理骨干专项教育培训班经费"))
    imported = read_forms(build(source, tmp_path / "targets.xlsx", Layout(targets_only=True))).forms[0]
    form: Form = imported.form
    assert imported.targets_only and imported.published is None
    assert (form.year, form.project, form.department) == (2024, source.project, source.department)
    assert [(i.level1, i.level2, i.name, i.target, i.weight) for i in form.indicators] == [
        (i.level1, i.level2, i.name, i.target, i.weight) for i in source.indicators
    ]
    assert all(i.actual == "" and i.score is None and i.deviation_reason == "" for i in form.indicators)
    assert form.goals.expected == source.goals.expected and form.goals.actual == ""
    assert form.funds.current_year.budget == Decimal("30.20")
    assert form.funds.current_year.initial_budget == Decimal("30.20")
    # nothing is known to be spent when the year starts: 全年执行数 blank, not a made-up 0.00
    assert [row.executed for _, row in form.funds.rows()] == [None, None, None]
    text = dumps_form(form)  # a fresh form: [figures] computed, nothing claimed as published
    assert 'actual = ""' in text and "\nscore =" not in text


def test_a_stray_number_under_the_table_is_reported_not_taken_for_a_page_number(tmp_path, sample_file):
    path = build(load_form(sample_file("社区建设工作专项经费")), tmp_path / "n.xlsx", Layout(note="12"))
    assert [u.text for u in read_forms(path).forms[0].unplaced] == ["12"]


def test_jixiaos_own_notes_sheet_says_what_the_layout_cannot(tmp_path, sample_file):
    """jixiao's export keeps rule_set, year and score sources in a hidden `_jixiao` sheet (exchange/layout.py)."""
    form = load_form(sample_file("基层治理骨干专项教育培训班经费"))
    path = build(form, tmp_path / "own.xlsx")
    book = openpyxl.load_workbook(path)
    notes = book.create_sheet("_jixiao")
    notes.sheet_state = "hidden"
    notes.append(["工作表", "键", "值"])
    for key, value in [("format_version", "1"), ("rule_set", "rounded"), ("year", "2024"), ("money_unit", "万元"),
                       ("indicator_count", "4"), ("indicators.1.score_source", "evaluator"),
                       ("indicators.1.score", "1.00"), ("indicators.2.score_source", "evaluator"),
                       ("indicators.2.score", "25.00")]:
        notes.append(["自评表", key, value])
    book.create_sheet("汇总")["A1"] = "部门汇总（由各表计算）"
    book.save(path)
    found = read_forms(path)
    assert found.everything_placed and len(found.forms) == 1
    imported = found.forms[0].form
    assert imported.rule_set == "rounded"
    # The second indicator's 25.00 equals the rule's suggestion, yet the export says the evaluator gave it.
    assert [(i.score_source.value, i.score) for i in imported.indicators[:2]] == [
        ("evaluator", Decimal("1.00")), ("evaluator", Decimal("25.00"))]
    assert imported.indicators[2].score_source.value == "suggested"


def test_line_breaks_a_clerk_typed_are_kept_in_goals_and_joined_in_names(tmp_path, sample_file):
    form = load_form(sample_file("社区建设工作专项经费"))
    typed = form.model_copy(deep=True)
    typed.project = "社区建设\n工作专项经费"
    typed.goals.actual = "第一段。\n第二段。"
    imported = read_forms(build(typed, tmp_path / "breaks.xlsx")).forms[0].form
    assert imported.project == "社区建设工作专项经费"
    assert imported.goals.actual == "第一段。\n第二段。"


REGIONS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "regions").glob("*.toml"))


@pytest.mark.parametrize("region", REGIONS, ids=[p.stem for p in REGIONS])
def test_other_regions_layouts_are_recognised_by_their_fund_rows(tmp_path, region):
    """Sichuan's four fund rows (调整后预算数, 执行数), Hebei's two: the layout follows the rows printed.
    The rule set is not printed on a form: it is given, as a user gives --rule-set."""
    form = read_form_file(region).form
    found = read_forms(build(form, tmp_path / "region.xlsx"), rule_set=form.rule_set)
    assert found.everything_placed
    imported = found.forms[0]
    assert imported.form.layout == form.layout
    assert dumps_form(imported.form, published=imported.published) == dumps_form(form)


def test_blank_fund_cells_stay_blank(tmp_path, sample_file):
    form = load_form(sample_file("社区建设工作专项经费"))
    form.funds.carried_over.initial_budget = None
    form.funds.carried_over.budget = None
    form.funds.carried_over.executed = None
    imported = read_forms(build(form, tmp_path / "blank.xlsx")).forms[0].form
    assert imported.funds.carried_over.is_blank  # nothing printed: not a row of zeros
    assert imported.funds.other.budget == Decimal("0.00")
