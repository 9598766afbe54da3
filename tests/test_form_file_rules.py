"""The form file's own rules, from the review of issue 10: a blank budget cell is not 0.00 (defect
10), format_version is 1 or 2 (12), every message has a line (13), and the version written is the
one the written text needs (5)."""

from __future__ import annotations

from models import check_form, dumps_form, loads_form, parse_form
from models.validation import validate_file

# A Hebei 2019 form typed in (two fund rows); {other} is the [funds.other] table's body.
HEBEI = """\
format_version = {version}
year = 2019
project = "农村饮水安全维修养护"
department = "某县水务局"
implementer = "某县水务局"
money_unit = "万元"
rule_set = "integer-scores"
layout = "hebei-2019"

[funds.appropriation]
{appropriation}
[funds.other]
{other}
[goals]
expected = "维修养护农村供水工程"
actual = "完成维修养护"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "维修工程处数"
target = "≥1,200(处)"
actual = "1,200(处)"
weight = 45
score_source = "suggested"
deviation_reason = ""

[[indicators]]
level1 = "效益指标"
level2 = "社会效益指标"
name = "受益人口"
target = "≥50 000(人)"
actual = "52 300(人)"
weight = 45
score_source = "suggested"
deviation_reason = ""
"""
FUNDED = "initial_budget = 43.2\nbudget = 43.2\nexecuted = 37.24\n"


def hebei(version: object = 2, appropriation: str = FUNDED, other: str = "") -> str:
    return HEBEI.format(version=version, appropriation=appropriation, other=other)


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


# p1.toml of the review: a Shanghai version 1 form printing only 执行率 and 总分.
PARTIAL = """\
format_version = 1
year = 2023
project = "测试项目"
department = "某局"
implementer = "某局"
money_unit = "万元"

[funds.current_year]
initial_budget = 10.00
budget = 10.00
executed = 9.00

[funds.carried_over]
initial_budget = 0.00
budget = 0.00
executed = 0.00

[funds.other]
initial_budget = 0.00
budget = 0.00
executed = 0.00

[goals]
expected = "目标"
actual = "完成"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "数量"
target = "≥10(个)"
actual = "10(个)"
weight = 90.00
score_source = "suggested"
deviation_reason = ""

[figures]
execution_rate = 90.00
total = 99.00
"""


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
