"""`jixiao export --to xlsx`: read back with openpyxl, every figure is the model's, merged cells
sit where the official layout has them, text stays text, and the sheet prints on A4."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from models import ScoreSource, load_form, save_form, score_form
from models.money import fmt
from tui.cli import main

TRAINING = "基层治理骨干专项教育培训班经费"  # evaluator's 1.00, total 94.41, three 产出指标 rows


def export(paths: list[Path], out: Path, *extra: str) -> int:
    return main(["export", *map(str, paths), "--to", "xlsx", "-o", str(out), *extra])


def as_decimal(value: object) -> Decimal:
    assert isinstance(value, (int, float)), f"{value!r} is not stored as a number"
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


@pytest.fixture
def samples_book(samples_dir: Path, tmp_path: Path) -> openpyxl.Workbook:
    out = tmp_path / "forms.xlsx"
    assert export([samples_dir], out) == 0
    return openpyxl.load_workbook(out)


def test_every_figure_equals_the_models(samples_book, sample_paths):
    for path in sample_paths:
        form = load_form(path)
        figures = score_form(form)
        sheet = samples_book[form.project]
        assert sheet["A1"].value == "财政项目支出绩效自评表"
        assert sheet["A2"].value == "（2024年度）"
        assert (sheet["A3"].value, sheet["B3"].value) == ("项目名称", form.project)
        assert (sheet["A4"].value, sheet["B4"].value, sheet["E4"].value, sheet["F4"].value) == (
            "主管部门", form.department, "实施单位", form.implementer)
        assert sheet["A5"].value == "项目资金\n（万元）"  # broken before （, not inside it
        assert [c.value for c in sheet[5][2:]] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分"]
        total = figures.fund_total
        expected_total_row = [total.initial_budget, total.budget, total.executed, Decimal(10),
                              figures.execution_rate, figures.execution_score]
        assert sheet["B6"].value == "年度资金总额："
        assert [as_decimal(c.value) for c in sheet[6][2:]] == expected_total_row
        current = form.funds.current_year
        assert [c.value for c in sheet[7][1:]][:1] == ["其中：当年财政拨款"]
        assert [as_decimal(sheet.cell(7, c).value) for c in (3, 4, 5)] == [
            current.initial_budget, current.budget, current.executed]
        assert (sheet["F7"].value, sheet["H7"].value) == ("-", "-")
        row = 13
        for indicator, result in zip(form.indicators, figures.indicators, strict=True):
            assert sheet.cell(row, 3).value == indicator.name
            assert sheet.cell(row, 4).value == indicator.target
            assert sheet.cell(row, 5).value == indicator.actual
            assert as_decimal(sheet.cell(row, 6).value) == indicator.weight
            assert as_decimal(sheet.cell(row, 7).value) == result.score
            row += 1
        assert sheet.cell(row, 1).value == "总分"
        assert as_decimal(sheet.cell(row, 7).value) == figures.total
        assert (sheet.cell(row + 1, 1).value, sheet.cell(row + 1, 6).value) == ("评分等级", figures.grade)
        # the number format shows the digits jixiao prints
        assert sheet.cell(row, 7).number_format == "0.00"
        assert f"{as_decimal(sheet.cell(row, 7).value):.2f}" == fmt(figures.total)


def test_merged_cells_are_where_the_official_layout_has_them(samples_book):
    sheet = samples_book[TRAINING]  # 产出指标 ×3 (数量, 质量, 时效), then 效益指标 ×1
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:H1", "A2:H2", "B3:H3", "B4:D4", "F4:H4", "A5:A9", "A10:A11", "B10:E10", "F10:H10",
            "B11:E11", "F11:H11", "A13:A15", "A17:E17", "A18:E18", "F18:H18"} == merged
    assert sheet["A13"].value == "产出指标" and sheet["A16"].value == "效益指标"


def test_second_level_merges_inside_the_first_level(tmp_path, clean_form):
    indicators = clean_form.indicators
    indicators[1].level1, indicators[1].level2 = "产出指标", "数量指标"  # rows 1–2: same 一级 and 二级
    indicators[2].level1 = "产出指标"  # row 3: same 一级, another 二级
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    assert export([path], tmp_path / "out.xlsx") == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A13:A15", "B13:B14"} <= merged
    assert not any(r.startswith("B15") for r in merged)


def test_print_settings(samples_book):
    for sheet in samples_book.worksheets:
        if sheet.sheet_state == "hidden":
            continue
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows
    form_sheet = samples_book[TRAINING]
    assert form_sheet.page_setup.orientation == "portrait"
    assert form_sheet["C13"].alignment.wrap_text and form_sheet["C13"].font.name == "宋体"
    assert form_sheet["C13"].border.left.style == "thin"


def test_several_forms_get_a_summary_sheet_and_one_form_none(samples_book, sample_file, tmp_path):
    assert samples_book.sheetnames[0] == "汇总"
    assert len(samples_book.sheetnames) == 8  # 汇总, six forms, _jixiao
    assert samples_book["汇总"]["A2"].value == "项目名称"
    out = tmp_path / "one.xlsx"
    assert export([sample_file(TRAINING)], out) == 0
    assert openpyxl.load_workbook(out).sheetnames == [TRAINING, "_jixiao"]


def test_hidden_sheet_keeps_what_the_layout_cannot_show(tmp_path, clean_form):
    clean_form.rule_set = "mof-50-30-10"
    clean_form.indicators[0].score_source = ScoreSource.EVALUATOR
    clean_form.indicators[0].score = Decimal("45.00")
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    assert export([path], tmp_path / "out.xlsx") == 0
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    meta = book["_jixiao"]
    assert meta.sheet_state == "hidden"
    rows = {(sheet, key): value for sheet, key, value in meta.iter_rows(min_row=2, values_only=True)}
    name = clean_form.project
    assert rows[(name, "rule_set")] == "mof-50-30-10"
    assert rows[(name, "format_version")] == "1"
    assert rows[(name, "indicators.1.score_source")] == "evaluator"
    assert rows[(name, "indicators.1.score")] == "45.00"
    assert rows[(name, "indicators.2.score_source")] == "suggested"


@pytest.mark.parametrize("text", ["=100%", "=12.00(个)", "+1", "-2", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"])
def test_text_is_never_a_formula(tmp_path, clean_form, text):
    clean_form.project = text
    clean_form.indicators[0].target = text
    clean_form.indicators[0].deviation_reason = text
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    assert export([path], tmp_path / "out.xlsx") == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    for cell in (sheet["B3"], sheet["D13"], sheet["H13"]):
        assert cell.value == text
        assert cell.data_type == "s", f"{text} stored as {cell.data_type}"
    assert sheet["D13"].quotePrefix  # = + - @ all run as formulas once the cell is edited


def test_sheet_names_follow_excels_rules(tmp_path, clean_form):
    names = ["项目/名称:带[非法]字符*?" + "长" * 40, "项目/名称:带[非法]字符*?" + "长" * 40, "汇总", "'引号'"]
    paths = []
    for n, project in enumerate(names):
        clean_form.project = project
        paths.append(tmp_path / f"{n}.toml")
        save_form(clean_form, paths[-1])
    assert export(paths, tmp_path / "out.xlsx") == 0
    sheetnames = openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames
    forms = sheetnames[1:-1]
    assert len(forms) == 4 and len({n.casefold() for n in sheetnames}) == len(sheetnames)
    for name in forms:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\") and not name.startswith("'")
    assert forms[1].endswith("(2)") and forms[2] == "汇总(2)"


def test_control_characters_do_not_break_the_export(tmp_path, clean_form):
    clean_form.indicators[0].deviation_reason = "原因\x01说明\n第二行"
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    assert export([path], tmp_path / "out.xlsx") == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert sheet["H13"].value == "原因␁说明\n第二行"


def test_a_figure_longer_than_excel_can_hold_is_kept_as_text(tmp_path, clean_form):
    clean_form.funds.other.initial_budget = Decimal("123456789012.345678")  # 18 digits; Excel keeps 15
    clean_form.funds.other.budget = Decimal("89.974")
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    assert export([path], tmp_path / "out.xlsx") == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert sheet["C9"].value == "123456789012.345678"
    assert as_decimal(sheet["D9"].value) == Decimal("89.974") and sheet["D9"].number_format == "0.000"


def test_the_forms_layout_decides_the_fund_rows(repo, tmp_path):
    """Sichuan 2023: four fund rows with their own column names, blank cells print nothing."""
    path = repo / "tests" / "fixtures" / "regions" / "sichuan-2023.toml"
    form = load_form(path)
    assert export([path], tmp_path / "out.xlsx") == 0
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[5][2:5]] == ["年初预算数", "调整后预算数", "执行数"]
    assert [sheet.cell(r, 2).value for r in range(6, 11)] == [
        "年度资金总额：", "其中：财政资金", "财政专户管理资金", "单位资金", "其他资金"]
    assert "A5:A10" in {str(r) for r in sheet.merged_cells.ranges}
    assert [sheet.cell(8, c).value for c in (3, 4, 5)] == [None, None, None]  # blank, not 0.00
    assert sheet["A11"].value == "年度总体目标" and sheet["A13"].value == "一级指标"
    meta = {key: value for _, key, value in book["_jixiao"].iter_rows(min_row=2, values_only=True)}
    assert meta["layout"] == "sichuan-2023" and meta["format_version"] == str(form.format_version)


def test_whole_number_rule_sets_print_whole_numbers(repo, tmp_path):
    """Hebei 2019 under integer-scores: 执行率 86, 执行率得分 9, 总分 98, as jixiao prints them."""
    path = repo / "tests" / "fixtures" / "regions" / "hebei-langfang-2019.toml"
    figures = score_form(load_form(path))
    assert export([path], tmp_path / "out.xlsx") == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert (sheet["G6"].value, sheet["H6"].value) == (int(figures.execution_rate), int(figures.execution_score))
    assert sheet["G6"].number_format == "0" and fmt(figures.execution_rate) == "86"


@pytest.mark.parametrize("text", ["=1+1", "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)"])
def test_the_hidden_sheet_never_holds_a_formula(tmp_path, clean_form, text):
    clean_form.money_unit = "万元"
    clean_form.rule_set = text  # any value the hidden sheet keeps is text as the form has it
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    export([path], tmp_path / "out.xlsx")
    meta = openpyxl.load_workbook(tmp_path / "out.xlsx")["_jixiao"]
    cells = [row[2] for row in meta.iter_rows(min_row=2) if row[1].value == "rule_set"]
    assert cells[0].value == text and cells[0].data_type == "s" and cells[0].quotePrefix


@pytest.mark.parametrize("text", ["+1", "-2", "@SUM(A1)"])
def test_quote_prefix_for_every_formula_start(tmp_path, clean_form, text):
    clean_form.indicators[0].target = text
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    export([path], tmp_path / "out.xlsx")
    assert openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]["D13"].quotePrefix


def test_a_long_reason_stays_within_excels_row_height(tmp_path, clean_form):
    clean_form.indicators[0].deviation_reason = "原因" * 1500
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    export([path], tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    assert max(d.height or 0 for d in sheet.row_dimensions.values()) <= 409


def test_a_cell_beyond_excels_limit_is_cut_with_a_marker_and_a_warning(tmp_path, clean_form, capsys):
    clean_form.indicators[0].deviation_reason = "𠀀" * 20000  # 40000 UTF-16 units
    path = tmp_path / "form.toml"
    save_form(clean_form, path)
    assert export([path], tmp_path / "out.xlsx") == 0
    value = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]["H13"].value
    assert len(value.encode("utf-16-le")) // 2 <= 32767 and value.endswith("以下从略）")
    assert "H13" in capsys.readouterr().err


def test_sheet_names_count_utf16_units_and_avoid_history(tmp_path, clean_form):
    paths = []
    for n, project in enumerate(["𠀀" * 20, "History", "名\x7f称"]):
        clean_form.project = project
        paths.append(tmp_path / f"{n}.toml")
        save_form(clean_form, paths[-1])
    export(paths, tmp_path / "out.xlsx")
    forms = openpyxl.load_workbook(tmp_path / "out.xlsx").sheetnames[1:-1]
    assert len(forms[0].encode("utf-16-le")) // 2 <= 31
    assert forms[1].casefold() != "history" and "\x7f" not in forms[2]


def test_blank_fund_rows_print_no_rate(repo, tmp_path):
    """Sichuan 2023's 财政专户管理资金 is blank on the form: its 执行率 is blank, not 0.00."""
    path = repo / "tests" / "fixtures" / "regions" / "sichuan-2023.toml"
    form = load_form(path)
    blank = [n for n, (_, row) in enumerate(form.funds.rows())
             if row.initial_budget is None and row.budget is None and row.executed is None]
    assert blank, "the fixture has a blank fund row"
    assert export([path], tmp_path / "out.xlsx") == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    for n in blank:
        assert sheet.cell(row=7 + n, column=7).value in (None, "")


def test_integer_scores_print_one_number_format(repo, tmp_path):
    path = repo / "tests" / "fixtures" / "regions" / "hebei-langfang-2019.toml"
    assert export([path], tmp_path / "out.xlsx") == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    formats = {sheet.cell(row=r, column=c).number_format for r in range(1, sheet.max_row + 1) for c in (6, 7)
               if isinstance(sheet.cell(row=r, column=c).value, (int, float))}
    assert formats == {"0"}
