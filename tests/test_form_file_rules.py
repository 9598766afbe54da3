"""The form file's own rules, from the review of issue 10: a blank budget cell is not 0.00 (defect
10), format_version is 1 or 2 (12), every message has a line (13), and the version written is the
one the written text needs (5)."""

from __future__ import annotations

from review_forms import hebei, small

from models import check_form, dumps_form, loads_form, parse_form
from models.validation import validate_file


def test_an_amount_executed_against_a_blank_budget_cell_is_not_compared_with_zero():
    form = loads_form(hebei(other="executed = 5\n"))
    assert form.funds.other.budget is None
    assert "W202" not in [p.code for p in check_form(form)]


def test_an_amount_executed_beyond_a_budget_of_zero_is_still_w202():
    form = loads_form(hebei(other="budget = 0\nexecuted = 5\n"))
    found = [p for p in check_form(form) if p.code == "W202"]
    assert [p.where for p in found] == ["funds.other.executed"]
    assert "超过全年预算数 0.00 万元" in found[0].message


def test_format_version_outside_the_known_ones_or_in_quotes_is_a_clear_error():
    for written in ("0", "-1", '"2"', "1.0", "true"):
        result = parse_form(hebei(version=written))
        assert [(p.code, p.where, p.line) for p in result.problems] == [("E004", "format_version", 1)], written
        assert "文件格式版本：应为 1 或 2（整数，不加引号）" in result.problems[0].message
    assert [p.code for p in parse_form(hebei(version=3)).problems] == ["E005"]


def test_a_missing_fund_row_and_an_empty_budget_are_shown_at_the_funds_tables(tmp_path):
    missing_row = tmp_path / "missing.toml"
    missing_row.write_text(hebei().replace("[funds.other]\n", ""), encoding="utf-8")
    found = [(p.code, p.line) for p in validate_file(missing_row).problems if p.code == "E004"]
    assert found == [("E004", 10)]  # the [funds.appropriation] line, the funds table the file has
    empty = tmp_path / "empty.toml"
    empty.write_text(hebei(appropriation=""), encoding="utf-8")
    assert [(p.code, p.line) for p in validate_file(empty).problems if p.code == "W211"] == [("W211", 10)]


def test_every_message_of_the_reviewed_forms_has_a_line(tmp_path):
    for name, text in {
        "missing": hebei().replace("[funds.other]\n", ""), "empty": hebei(appropriation=""),
        "bad-version": hebei(version='"2"'), "blank-other": hebei(other="executed = 5\n"),
    }.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        assert all(p.line for p in validate_file(path).problems), name


# p1.toml of the review: a version 1 form printing only 执行率 and 总分.
PARTIAL = small() + "\n[figures]\nexecution_rate = 90.00\ntotal = 99.00\n"


def test_a_version_1_file_with_a_partial_figures_table_is_saved_as_version_1():
    """Saving writes every figure, so what is written needs no version 2."""
    form = loads_form(PARTIAL)
    assert check_form(form) == []
    saved = dumps_form(form)
    assert saved.split("\n")[1] == "format_version = 1"
    assert "indicator_score = 90.00" in saved and "grade = \"优\"" in saved
    assert dumps_form(loads_form(saved)) == saved


def test_e004_names_fund_cells_as_the_forms_layout_prints_them():
    sichuan = '''format_version = 2
layout = "sichuan-2023"
rule_set = "sichuan-2023"

[funds.fiscal]
budget = "空白"

[funds.special_account]

[funds.unit]

[funds.other]
'''
    problems = parse_form(sichuan).problems
    assert [(p.code, p.line) for p in problems] == [("E004", 6)]
    assert problems[0].message.startswith("项目资金·财政资金·调整后预算数：")


def test_the_schema_gives_no_single_default_for_a_fund_cell():
    """A fund cell left out is 0.00 in version 1 and blank in version 2: the schema must not say 0."""
    from models.schema import form_schema  # noqa: PLC0415

    cells = form_schema()["$defs"]["FundRow"]["properties"]
    assert set(cells) == {"initial_budget", "budget", "executed"}
    for cell in cells.values():
        assert "default" not in cell
        assert "format_version 1 按 0.00，2 表示空白" in cell["description"]


def test_a_missing_funds_table_is_shown_where_it_belongs():
    without_funds = "\n".join(line for line in hebei(appropriation="").split("\n") if not line.startswith("[funds."))
    problems = [p for p in parse_form(without_funds).problems if p.where == "funds"]
    assert [(p.code, p.line) for p in problems] == [("E004", without_funds.split("\n").index("[goals]") + 1)]
    short = parse_form('format_version = 2\nlayout = "hebei-2019"\n').problems
    assert [(p.code, p.line) for p in short if p.where == "funds"] == [("E004", 2)]
