"""Bad files give problems with codes and lines, never an exception."""

from __future__ import annotations

import re

import pytest

from models import FormFileError, dumps_form, load_form, loads_form, parse_form, read_form_file
from models.validation import validate_file

BASIC = "社区干部实训基地工作经费"


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


@pytest.fixture
def basic(sample_text) -> str:
    return sample_text(BASIC)


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('project = "社区干部实训基地工作经费"', "project = 社区干部实训基地工作经费", "要写在英文双引号中"),
        ("budget = 17.50", "budget = 17.50 万元", "后面不能写单位或文字“万元”"),
        ('name = "实训质量"', 'name = "实训质量', "缺少结束引号"),
        ('name = "实训质量"', 'name = "实训\x01质量"', "控制字符"),
        ("executed = 17.50", "executed = 17.50\nexecuted = 1.00", "写了两次"),
    ],
)
def test_toml_syntax_error_has_line(basic, old, new, words, is_chinese):
    bad = basic.replace(old, new, 1)
    result = parse_form(bad)
    assert result.form is None
    problem = only(result.problems, "E003")
    expected_line = line_of(bad, new.splitlines()[-1]) if "\n" in new else line_of(bad, new)
    assert problem.line == expected_line
    assert words in problem.message and is_chinese(problem.message)


@pytest.mark.parametrize(
    ("old", "new", "where", "hint"),
    [
        ("budget = 17.50", "budgt = 17.50", "funds.current_year.budgt", "budget"),
        ('project = "社区干部实训基地工作经费"', 'projet = "社区干部实训基地工作经费"', "projet", "project"),
        ("weight = 30.00", "wieght = 30.00", "indicators[0].wieght", "weight"),
        ('expected = "', 'expectd = "', "goals.expectd", "expected"),
    ],
)
def test_unknown_key_names_closest_known_key(basic, old, new, where, hint):
    bad = basic.replace(old, new, 1)
    result = parse_form(bad)
    problem = next(p for p in result.problems if p.code == "E004" and p.where == where)
    assert f"“{hint}”" in problem.message
    assert problem.line == line_of(bad, new)
    with pytest.raises(FormFileError):
        loads_form(bad)


def test_unknown_key_far_from_any_gives_no_hint(basic):
    result = parse_form(basic.replace("year = 2024", "year = 2024\nzzz = 1", 1))
    problem = only(result.problems, "E004")
    assert "zzz" in problem.message and "是否应为" not in problem.message


@pytest.mark.parametrize(
    ("value", "words"),
    [('"十七万"', "不能是文字"), ("nan", "nan"), ("inf", "inf"), ("-inf", "inf"), ("true", "数字")],
)
def test_money_field_must_be_a_finite_number(basic, value, words, is_chinese):
    bad = basic.replace("budget = 17.50", f"budget = {value}", 1)
    result = parse_form(bad)
    problem = only(result.problems, "E004")
    assert problem.where == "funds.current_year.budget"
    assert problem.line == line_of(bad, f"budget = {value}")
    assert words in problem.message and is_chinese(problem.message)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [("budget = 17.50", "budget = -17.50", "E103"), ("executed = 17.50", "executed = 17.505", "E104")],
)
def test_negative_and_three_decimal_money_reported_with_line(write_file, basic, old, new, code):
    bad = basic.replace('money_unit = "万元"', 'money_unit = "元"', 1).replace(old, new, 1)  # 元: two decimals
    assert parse_form(bad).problems == []  # it loads, so its line can be reported
    report = validate_file(write_file(bad))
    problem = only(report.problems, code)
    assert problem.line == line_of(bad, new)
    assert problem.where.startswith("funds.current_year.")
    assert not report.ok


def test_empty_file(write_file):
    for blank in ("", "\n  \n"):
        report = validate_file(write_file(blank))
        assert not report.ok and report.form is None
        assert [(p.code, p.message) for p in report.problems] == [("E002", "文件是空的，不是表单")]
    with pytest.raises(FormFileError):
        loads_form("")


def test_utf8_bom_loads(write_file, basic, sample_form):
    result = read_form_file(write_file(b"\xef\xbb\xbf" + basic.encode("utf-8")))
    assert result.problems == []
    assert result.form == sample_form(BASIC)


def test_crlf_line_endings_load(write_file, basic, sample_form):
    crlf = basic.replace("\n", "\r\n")
    result = read_form_file(write_file(crlf.encode("utf-8")))
    assert result.problems == []
    assert result.form == sample_form(BASIC)


def test_crlf_problem_lines_are_right(write_file, basic):
    bad = basic.replace("budget = 17.50", "budget = -17.50", 1)
    problem = only(validate_file(write_file(bad.replace("\n", "\r\n").encode("utf-8"))).problems, "E103")
    assert problem.line == line_of(bad, "budget = -17.50")


def test_crlf_multiline_goal_loads(write_file, clean_form):
    clean_form.goals.expected = "第一行\n第二行"
    text = dumps_form(clean_form).replace("\n", "\r\n")
    form = read_form_file(write_file(text.encode("utf-8"))).form
    assert form is not None and form.goals.expected == "第一行\n第二行"


def test_gbk_file_gives_e002_mentioning_gbk(write_file, basic):
    result = read_form_file(write_file(basic.encode("gb18030")))
    assert result.form is None
    problem = only(result.problems, "E002")
    assert "GBK" in problem.message
    assert problem.line == 1  # the Chinese header comment is the first non-UTF-8 byte


def test_binary_garbage_gives_e002(write_file):
    for data in (bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"):
        result = read_form_file(write_file(data))
        assert result.form is None
        assert [p.code for p in result.problems] == ["E002"]


def test_non_utf8_without_nul_gives_e002(write_file):
    result = read_form_file(write_file(b'project = "\xff\xfe\xfd"\n'))
    assert [p.code for p in result.problems] == ["E002"]
    assert "GBK" not in result.problems[0].message


def test_too_large_file_gives_e002(write_file):
    result = read_form_file(write_file(b"# " + b"x" * 2_100_000))
    assert [p.code for p in result.problems] == ["E002"]


def test_missing_file_gives_e001(tmp_path):
    result = read_form_file(tmp_path / "nope.toml")
    assert [p.code for p in result.problems] == ["E001"]
    with pytest.raises(FormFileError) as caught:
        load_form(tmp_path / "nope.toml")
    assert caught.value.problems[0].code == "E001"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("budget = 17.50", "budget = " + "9" * 40),  # a huge integer
        ("budget = 17.50", "budget = 1e40"),
        ("budget = 17.50", "budget = 1e-30"),  # dividing by it would overflow the rate
        ("budget = 17.50", "budget = " + "9" * 5000),  # beyond Python's int-to-str limit
        ("weight = 30.00", "weight = " + "1" + "0" * 30),
        ("score = 30.00", "score = " + "1" + "0" * 30),
        ("year = 2024", "year = " + "9" * 5000),
    ],
)
def test_huge_numbers_give_a_problem_not_an_exception(write_file, basic, old, new):
    bad = basic.replace(old, new, 1)
    result = parse_form(bad)
    assert any(p.is_error for p in result.problems)
    assert result.problems[0].code in {"E003", "E004"}
    report = validate_file(write_file(bad))
    assert not report.ok


@pytest.mark.parametrize("depth", [100, 1000, 100_000])
def test_deeply_nested_arrays_give_a_problem(write_file, basic, depth):
    bad = basic + "\nextra = " + "[" * depth + "]" * depth + "\n"
    result = parse_form(bad)
    assert result.problems and all(p.is_error for p in result.problems)
    assert not validate_file(write_file(bad)).ok


def test_deeply_nested_tables_give_a_problem(basic):
    bad = basic + "\n[" + ".".join(["a"] * 2000) + "]\nx = 1\n"
    result = parse_form(bad)
    assert result.problems and result.problems[0].code in {"E003", "E004"}


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("year = 2024", 'year = "二〇二四"', "year"),
        ('project = "社区干部实训基地工作经费"', "project = 2024", "project"),
        ('score_source = "suggested"', 'score_source = "auto"', "indicators[0].score_source"),
        ("[funds.other]  # 其他资金", "[funds.other]  # 其他资金\n[funds.other.extra]", "funds.other.extra"),
    ],
)
def test_wrong_types_give_e004_at_place(basic, old, new, where, is_chinese):
    result = parse_form(basic.replace(old, new, 1))
    problem = next(p for p in result.problems if p.where == where)
    assert problem.code == "E004" and is_chinese(problem.message)


def test_indicators_not_an_array_of_tables(basic):
    without = re.sub(r"\[\[indicators\]\]\n(?:.+\n)+\n", "", basic)
    bad = without.replace("rule_set = ", 'indicators = "无"\nrule_set = ', 1)
    problem = only(parse_form(bad).problems, "E004")
    assert problem.where == "indicators"
    assert problem.line == line_of(bad, "indicators =")


def test_missing_fund_row(basic):
    bad = basic.replace("[funds.other]  # 其他资金\n", "[funds.othr]  # 其他资金\n", 1)
    codes = [p.code for p in parse_form(bad).problems]
    assert codes.count("E004") == 2  # 其他资金 row missing, and an unknown row


def test_newer_format_version_e005(basic):
    bad = basic.replace("format_version = 1", "format_version = 3", 1)  # 2 is the newest jixiao reads
    problem = only(parse_form(bad).problems, "E005")
    assert problem.line == 2 and "3" in problem.message
    with pytest.raises(FormFileError) as caught:
        loads_form(bad)
    assert [p.code for p in caught.value.problems] == ["E005"]


def test_unknown_rule_set_e006(basic):
    bad = basic.replace('rule_set = "baoshan-2024"', 'rule_set = "shanghai-2030"', 1)
    result = parse_form(bad)
    problem = only(result.problems, "E006")
    assert problem.line == line_of(bad, "rule_set =")
    assert "shanghai-2030" in problem.message and "baoshan-2024" in problem.message
    assert result.form is not None  # still readable, so it can be scored and shown


def test_loads_form_raises_form_file_error_with_problems():
    with pytest.raises(FormFileError) as caught:
        loads_form("project = \n")
    error = caught.value
    assert isinstance(error, ValueError)
    assert [p.code for p in error.problems] == ["E003"]
    assert error.problems[0].line == 1
    assert error.problems[0].message in str(error)


def test_validate_file_never_raises_on_odd_content(write_file):
    for text in ("[[funds]]\n", "funds = 1\n", "[indicators]\nname = 1\n", "figures = []\n", "a.b.c = 1\n"):
        report = validate_file(write_file(text))
        assert not report.ok, text
        assert all(p.code in {"E003", "E004"} or p.code.startswith(("E1", "W2")) for p in report.problems)


def test_unreadable_file_has_no_form_or_figures(write_file):
    report = validate_file(write_file(b"\xff\xfe"))
    assert report.form is None and report.figures is None and not report.ok
